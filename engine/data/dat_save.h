/* dat_save: a whole game in one JSON file ("closedloop-save", version 4), and back.
 *
 * A save holds everything needed to go on playing exactly as if the game had never stopped: the
 * scenario file's text (so a save opens on a machine without that file, and a save of another
 * scenario is told apart by its hash), the seed, the world (actors with their random streams,
 * share holdings, deals, every money flow, the events log, a snapshot of every turn played, the
 * market's state), the seats (per role the choice as made, "history", "baseline", "passive",
 * "playbook", "FILE.lua" or "human", and what plays it now), the text of every Lua script that
 * plays, each Lua strategy's view.memory, math.random stream and pending failure, and the
 * intents queued for each human seat. docs/save-format.md describes every field.
 *
 * Numbers are exact: doubles are written in their shortest round-trip form and read back to the
 * same bits; 64-bit values (the seed, random states) are strings. Text that is not valid UTF-8
 * is written as hex, so bytes survive too. The reader is strict (dat_json): every key known and
 * once, every value of its type and within its range, every index in range (sim_world_restore_
 * finish), the books re-added from the flows must give the saved balances; a failure names the
 * file and the JSON path or line:column, and leaves nothing allocated.
 *
 * data/ sees no Lua: a Lua strategy's memory travels as a CoreValue tree (core_value.h); app/
 * turns it into view.memory with scr_strategy_restore.
 *
 * Ownership: a DatSave owns its world, seats, scripts and texts; dat_save_free frees them. The
 * writer reads a DatSave whose world it does not own (set owns_world to 0) or does; it never
 * changes it.
 *
 * dat_save_write.c writes a save; dat_save.c reads and checks one; the items they share with
 * replays (bytes, 64-bit values, intents, memory trees) are dat_field and dat_record. */
#ifndef DAT_SAVE_H
#define DAT_SAVE_H

#include "core_rng.h"
#include "core_value.h"
#include "dat_json.h"
#include "sim_world.h"

#include <stddef.h>
#include <stdint.h>

#define DAT_SAVE_FORMAT  "closedloop-save"
#define DAT_SAVE_VERSION 4
/* Version 3 (before series by name: snapshot rows in a fixed order) is still read. */
#define DAT_SAVE_V3 3
/* Largest save file read (64 MiB): a full 2025 game with Lua playbooks is about 1 MB. */
#define DAT_SAVE_MAX_BYTES  ((size_t)64 * 1024 * 1024)
#define DAT_CHOICE_LEN      1024
#define DAT_PLAYS_LEN       16
#define DAT_INFO_SEATS      64 /* seats a listing reads (dat_save_peek) */
#define DAT_INFO_CHOICE_LEN 64

/* One role's seat. */
typedef struct {
    char role[SIM_ID_LEN];        /* the actor id (checked against the scenario) */
    char choice[DAT_CHOICE_LEN];  /* as chosen: history, baseline, passive, playbook, FILE.lua,
                                     human */
    char plays[DAT_PLAYS_LEN];    /* what plays now: history, baseline, passive, human or lua (a
                                     retired script plays passive) */
    int script;                   /* lua: index in DatSave.scripts */
    CoreValue memory;             /* lua: view.memory (a table) */
    CoreRng rng;                  /* lua: the math.random stream */
    char pending[SIM_REASON_LEN]; /* lua: a failure the next decide reports, or "" */
    SimIntentList queue;          /* human: the intents queued for the next turn */
} DatSeat;

/* A classroom's room (a networked game, `closedloop host`): its code, the teacher's token and
 * each seat's role and token ("" while free). Saved so that a host restarted with --load lets
 * the students back into their seats with the tokens their browsers kept. The tokens are stored
 * as they are (docs/network.md says why): a save of a hosted game is as secret as the teacher's
 * token. */
#define DAT_ROOM_SEATS      64
#define DAT_ROOM_CODE_LEN   6
#define DAT_ROOM_TOKEN_LEN  32
#define DAT_ROOM_OFFERS     16  /* = NET_CARD_OFFERS */
#define DAT_ROOM_CHOICES    4   /* = NET_CARD_CHOICES */
#define DAT_ROOM_CHOICE_LEN 60  /* = NET_CHOICE_MAX */
#define DAT_ROOM_ANSWER_LEN 200 /* = NET_ANSWER_MAX */
typedef struct {
    char role[SIM_ID_LEN];
    char token[DAT_ROOM_TOKEN_LEN + 1];
    /* The client's seq of each intent in the seat's queue (-1: sent without one). */
    int n_queued;
    int64_t queued_seq[SIM_MAX_INTENTS];
    /* Its answer to the story card on show ("answer", optional): a choice (-1: none) and text. */
    int answered, answer_choice;
    char answer[DAT_ROOM_ANSWER_LEN + 1];
} DatRoomSeat;

/* The story cards of the room ("card", optional): the ids of the cards on offer, the card on
 * show ("" none), whether its answers are revealed, how many cards were pushed before (the
 * pages' serial) and the teacher's choices. */
typedef struct {
    char offers[DAT_ROOM_OFFERS][SIM_ID_LEN];
    int n_offers;
    char on_show[SIM_ID_LEN];
    int revealed, serial, n_choices;
    char choices[DAT_ROOM_CHOICES][DAT_ROOM_CHOICE_LEN + 1];
} DatRoomCard;

typedef struct {
    char code[DAT_ROOM_CODE_LEN + 1];
    char teacher[DAT_ROOM_TOKEN_LEN + 1];
    DatRoomSeat seats[DAT_ROOM_SEATS];
    int n_seats;
    DatRoomCard card;
} DatRoom;

/* A Lua script's text as it was compiled. */
typedef struct {
    char *path; /* the name it runs under (messages say "path:LINE") */
    char *text; /* len bytes, NUL-terminated */
    size_t len;
    uint64_t hash; /* core_fnv1a of the text */
} DatScript;

typedef struct {
    char program[64];         /* "closedloop 0.1.0": who wrote it */
    char saved_at[32];        /* UTC "YYYY-MM-DDTHH:MM:SSZ", or "" */
    char scenario_path[1024]; /* the file it was read from, for messages */
    char *scenario_text;      /* the scenario file, exactly */
    size_t scenario_len;
    uint64_t scenario_hash; /* core_fnv1a of scenario_text */
    SimWorld *world;        /* loaded: every actor passive; the app seats them from seats */
    int owns_world;         /* dat_save_free destroys world */
    DatSeat *seats;         /* world->n, in actor order */
    DatScript *scripts;
    int n_scripts;
    int has_room; /* a hosted game's room ("room", optional: saves of the window have none) */
    DatRoom room;
} DatSave;

/* What a listing of saves shows, read from a file's head. */
typedef struct {
    int turn;          /* turns played */
    char month[8];     /* the last month played, "YYYY-MM" ("" at turn 0) */
    char saved_at[32]; /* as written */
    char scenario[SIM_ID_LEN];
    char end[16]; /* "none", "horizon", ... */
    /* Who sat where (the list groups saves by game and shows the seats): the seed as written,
     * and per seat, in actor order, its role and its choice (a longer choice, a script's path,
     * is cut to its last DAT_INFO_CHOICE_LEN - 1 bytes). Seats past DAT_INFO_SEATS are not
     * read. */
    char seed[24];
    int n_seats;
    char seat_role[DAT_INFO_SEATS][SIM_ID_LEN];
    char seat_choice[DAT_INFO_SEATS][DAT_INFO_CHOICE_LEN];
} DatSaveInfo;

/* The save as JSON text in a buffer the caller frees (len may be NULL); NULL with err. */
char *dat_save_text(const DatSave *s, size_t *len, char *err, size_t errsz);

/* Writes it atomically (dat_write_file_atomic: temp file in the same folder, fsync, rename,
 * fsync of the folder). 0, or -1 with "PATH: why". */
int dat_save_write(const DatSave *s, const char *path, char *err, size_t errsz);

/* Reads a save: fills *out (which it zeroes first) and returns 0, or -1 with the message in err
 * and nothing allocated. name names the text in messages. */
int dat_save_parse(const char *text, size_t len, const char *name, DatSave *out, char *err,
                   size_t errsz);
int dat_save_load(const char *path, DatSave *out, char *err, size_t errsz);

/* Reads a save's head only (format, version, turn, month, date, scenario, seed, the seats' roles
 * and choices); 0 or -1 with err. */
int dat_save_peek(const char *path, DatSaveInfo *info, char *err, size_t errsz);

void dat_save_free(DatSave *s);

#endif

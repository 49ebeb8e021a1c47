/* dat_replay: a replay file ("closedloop-replay", version 1), and back.
 *
 * A replay is what it takes to play a game again to the same end: the scenario (its text,
 * embedded, with its hash and the path it was read from), the seed, the seats (per role the
 * choice as made and, for a Lua seat, the script's path and FNV-1a hash: the script itself stays
 * a file, so a changed script is named as such), every human input (the intents queued for a
 * "human" seat, per turn, and the teacher's levers set between turns) and the end: turns played,
 * how it ended, sim_world_hash of the final world. The reader is strict like dat_save (dat_json:
 * file, line:column or JSON path, what was expected) and leaves nothing allocated on failure.
 *
 * Ownership: a DatReplay owns its arrays and texts; dat_replay_free frees them. */
#ifndef DAT_REPLAY_H
#define DAT_REPLAY_H

#include "dat_save.h"
#include "sim_world.h"

#include <stddef.h>
#include <stdint.h>

#define DAT_REPLAY_FORMAT  "closedloop-replay"
#define DAT_REPLAY_VERSION 1

typedef struct {
    char role[SIM_ID_LEN];
    char choice[DAT_CHOICE_LEN];
    char script[1024];    /* the Lua script's path, or "" for a native or human seat */
    uint64_t script_hash; /* core_fnv1a of its text */
} DatReplaySeat;

typedef struct {
    int turn;  /* queued before this turn was played */
    int actor; /* the human seat */
    SimIntentList intents;
} DatReplayInput;

/* A teacher's lever (sim_lever.h) set before a turn. */
typedef struct {
    int turn;
    int lever; /* SimLever */
    double value;
} DatReplayLever;

typedef struct {
    char program[64];
    char scenario_id[SIM_ID_LEN];
    char scenario_path[1024];
    char *scenario_text;
    size_t scenario_len;
    uint64_t scenario_hash;
    uint64_t seed;
    DatReplaySeat *seats;
    int n_seats;
    DatReplayInput *inputs;
    int n_inputs, cap_inputs;
    DatReplayLever *levers;
    int n_levers, cap_levers;
    int turns;    /* turns played */
    char end[16]; /* sim_end_reason_name of the end */
    uint64_t final_hash;
} DatReplay;

/* Appends an input (copied), or a lever change; 0 or -1 if memory runs out. */
int dat_replay_add_input(DatReplay *r, int turn, int actor, const SimIntentList *l);
int dat_replay_add_lever(DatReplay *r, int turn, int lever, double value);

char *dat_replay_text(const DatReplay *r, size_t *len, char *err, size_t errsz);
/* Atomic, as dat_save_write. */
int dat_replay_write(const DatReplay *r, const char *path, char *err, size_t errsz);
/* Fills *out (zeroed first); 0, or -1 with err and nothing allocated. */
int dat_replay_load(const char *path, DatReplay *out, char *err, size_t errsz);
int dat_replay_parse(const char *text, size_t len, const char *name, DatReplay *out, char *err,
                     size_t errsz);
void dat_replay_free(DatReplay *r);

#endif

/* ui_room: the classroom's room on the projector (issue 15): before the game starts, the room
 * screen (the addresses students open, the one the QR code carries marked, the room code in big
 * letters, the QR code of that address, and every seat: free and played by its strategy, taken,
 * connected, ready); after it starts, a strip under the map (the room code, the month's
 * countdown or "paused", and a chip per seat) and, on a click on a chip, a small menu to free the
 * seat or give it a new code.
 *
 * The QR code is made here with libqrencode (a library outside sim/, like SDL): ui_qr_make turns
 * a text into a matrix of modules, ui_room_draw draws each dark module as a square on a white
 * field with the standard quiet zone of four modules. ui/ reads no files and knows nothing of the
 * network: the app fills a UiRoom with words and states each frame. Nothing here allocates but the
 * QR matrix (freed by ui_qr_free). */
#ifndef UI_ROOM_H
#define UI_ROOM_H

#include "ui_draw.h"

#include <SDL.h>

#define UI_ROOM_SEATS 64
#define UI_ROOM_URLS  8

/* A QR code: size x size modules, dark[y * size + x] is 1 for a dark module; version 1-40. */
typedef struct {
    int size, version;
    unsigned char *dark;
} UiQr;

/* Encodes text (8-bit mode, error correction M). 0, or -1 (too long, no memory). */
int ui_qr_make(const char *text, UiQr *q);
void ui_qr_free(UiQr *q);

typedef enum {
    UI_SEAT_FREE,      /* nobody holds it: its strategy plays */
    UI_SEAT_TAKEN,     /* a team holds its code but is not connected now */
    UI_SEAT_CONNECTED, /* a team is connected, not ready */
    UI_SEAT_READY      /* ready for the month */
} UiSeatState;

typedef struct {
    const char *name; /* the company's name */
    UiSeatState state;
} UiRoomSeat;

typedef struct {
    const char *url[UI_ROOM_URLS];   /* the addresses students can open */
    const char *where[UI_ROOM_URLS]; /* each one's interface ("eth0"), or NULL */
    int n_url;
    int qr_url;       /* the one the QR code carries */
    const char *code; /* the room code */
    UiRoomSeat seats[UI_ROOM_SEATS];
    int n_seats;
    double countdown; /* seconds left in the month; < 0: no timer */
    int paused;
    int menu_seat;         /* the seat whose menu is open, or -1 */
    const char *menu_code; /* a seat just given a new code: the code to hand to the team */
} UiRoom;

/* Where the parts went (pixels), for clicks and tests. */
typedef struct {
    SDL_FRect screen, qr; /* qr: the code's modules (quiet zone outside it) */
    float module;         /* a module's side in pixels */
    int qr_drawn;         /* dark modules drawn */
    SDL_FRect code, seat[UI_ROOM_SEATS], start;
    SDL_FRect strip, chip[UI_ROOM_SEATS];
    SDL_FRect menu, menu_free, menu_new, menu_close;
} UiRoomGeom;

/* The room screen over (0, 0, width, height), background included. q may be NULL (no code could
 * be made: the address alone). keys: the line of keys at the foot. */
void ui_room_draw(UiDraw *d, int width, int height, const UiRoom *r, const UiQr *q,
                  const char *keys, float mx, float my, UiRoomGeom *g);

/* The strip in `area` (kept free under the game screen's map: UiScreenState.map_foot), and the
 * seat menu above it if one is open. ui_room_strip_height: the height the strip needs for
 * n_seats chips in a strip `width` pixels wide (one row or more). */
float ui_room_strip_height(UiDraw *d, float width, int n_seats);
void ui_room_strip(UiDraw *d, SDL_FRect area, const UiRoom *r, float mx, float my, UiRoomGeom *g);

/* What a click hits, per the last draw. */
typedef enum {
    UI_ROOM_HIT_NONE,
    UI_ROOM_HIT_SEAT,  /* a seat's chip (or its row on the room screen): *seat */
    UI_ROOM_HIT_FREE,  /* the menu's "free the seat" */
    UI_ROOM_HIT_NEW,   /* the menu's "give a new code" */
    UI_ROOM_HIT_CLOSE, /* the menu's close, or a click elsewhere in the menu */
    UI_ROOM_HIT_START  /* the room screen's Start */
} UiRoomHit;
UiRoomHit ui_room_hit(const UiRoomGeom *g, const UiRoom *r, float x, float y, int *seat);

#endif

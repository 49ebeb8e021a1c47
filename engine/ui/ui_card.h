/* ui_card: the one card the window stops on, for every kind of card: the classroom's story card
 * (a historical event of the month, ui_lesson fills it) and the card of a firm's default
 * (ui_fail fills it). A card is drawn over the dimmed screen, large enough for the back of a
 * room: a head line ("CLASSROOM · September 2025 · 2 OF 3"), a title, one to three paragraphs, a
 * dim closing line, a question to discuss, and one row of buttons: the card's own action at the
 * left (leave story mode, the debrief), then Back, Fold and Continue. Folded, the card is a strip
 * over the news panel (head, title, question and the three buttons) and the map shows.
 *
 * One frame and one hit test for both kinds, so both page back and forth and fold alike. The
 * texts belong to the caller; nothing here allocates beyond a call. */
#ifndef UI_CARD_H
#define UI_CARD_H

#include "ui_draw.h"

#include <SDL.h>

#define UI_CARD_BODY 3

typedef enum { UI_CARD_STORY, UI_CARD_FAIL } UiCardKind;

#define UI_CARD_CHOICES 4
#define UI_CARD_LINES   6

/* The class's answers to a story card pushed to the students' pages (a hosted game): how many
 * teams answered, and once revealed the bar of each choice and each team's words. */
typedef struct {
    const char *head; /* "Answers: 3 of 5 teams" */
    int answered, seats;
    int revealed;       /* 0: the counts only, and the Reveal button */
    const char *reveal; /* the button's label ("Show the answers (A)") */
    int n_choices;
    const char *choice[UI_CARD_CHOICES];
    int counts[UI_CARD_CHOICES];
    const char *line[UI_CARD_LINES]; /* "Microsoft: ..." once revealed */
    int n_lines;
} UiCardAnswers;

typedef struct {
    UiCardKind kind;                /* the accent and the head's words */
    const char *when;               /* "September 2025" */
    const char *title;              /* "Oracle signs ..." / "OpenAI has failed" */
    const char *body[UI_CARD_BODY]; /* paragraphs (NULL or "": none) */
    const char *last;               /* a dim closing line, or NULL */
    const char *question;           /* to discuss, or NULL / "" */
    const char *action;             /* the left button's label, or NULL: none */
    int index, count;               /* this card is index + 1 of count on show */
    const UiCardAnswers *answers;   /* NULL: none (the card is not pushed to a class) */
} UiCard;

typedef struct {
    SDL_FRect box; /* the card, or the strip when folded (w == 0: nothing drawn) */
    SDL_FRect question, btn_action, btn_prev, btn_fold, btn_next;
    SDL_FRect btn_reveal; /* the answers' Reveal button (w == 0: none) */
    int folded;
} UiCardGeom;

typedef enum {
    UI_CARD_NONE,   /* off a folded card: the click is the screen's */
    UI_CARD_NEXT,   /* Continue: the next card, or back to the game after the last */
    UI_CARD_PREV,   /* Back: the card before (none on the first) */
    UI_CARD_FOLD,   /* Fold / Unfold */
    UI_CARD_ACTION, /* the card's own action */
    UI_CARD_REVEAL, /* the answers' Reveal */
    UI_CARD_INSIDE  /* anywhere else while the card is unfolded (it is modal) */
} UiCardHit;

/* The card centred on `screen`, the screen behind dimmed; folded: a strip in `strip` (the news
 * panel) and nothing dimmed. mx, my: the mouse, for hover. g receives where the parts went. */
void ui_card_draw(UiDraw *d, SDL_FRect screen, SDL_FRect strip, const UiCard *c, int folded,
                  float mx, float my, UiCardGeom *g);

/* What a click at (x, y) means, per the last draw. */
UiCardHit ui_card_hit(const UiCardGeom *g, float x, float y);

/* A strip across the bottom of `screen` asking a question (quit?), with the keys that answer it
 * in `keys`; drawn over everything. */
void ui_card_ask(UiDraw *d, SDL_FRect screen, const char *question, const char *keys);

#endif

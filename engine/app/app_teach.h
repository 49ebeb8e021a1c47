/* app_teach: the story cards a networked game offers its teacher (issue 15, story mode over the
 * network).
 *
 * The scenario's classroom notes (app_class: the file it declares, or assets/classroom/ID.json)
 * give a card for each historical event of a month played that has a note and that the game told
 * or played, and one for the scenario's own lesson before the first month. Each card carries its
 * words in every language the tables have (the notes are English; assets/lang/zh's "content"
 * tables translate them), so each page shows its reader's language. The cards accumulate: the
 * teacher may push any card of a month played so far (the latest NET_CARD_OFFERS).
 *
 * Ownership: app_teach_create / app_teach_destroy; it owns the notes and the tables it read. */
#ifndef APP_TEACH_H
#define APP_TEACH_H

#include "net_game.h"
#include "sim_world.h"

#include <stddef.h>

typedef struct AppTeach AppTeach;

/* The cards of w's scenario. NULL with err if it has no notes or they cannot be read (the host
 * then plays without story cards and says why). */
AppTeach *app_teach_create(const SimWorld *w, char *err, size_t errsz);
void app_teach_destroy(AppTeach *t);

/* Offers g the cards so far: before the first month the scenario's lesson, after a month the
 * cards of that month added. Returns how many cards the month added. */
int app_teach_offer(AppTeach *t, const SimWorld *w, NetGame *g);

/* A restarted host: the cards of the saved offers (their ids: the scenario's, or an event's with
 * a note) made again and offered to g, the lesson counted as offered. Returns how many. */
int app_teach_restore(AppTeach *t, const SimWorld *w, NetGame *g, const DatRoomCard *saved);

#endif

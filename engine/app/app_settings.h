/* app_settings: the window's choices kept between runs, in a small JSON file in the user's
 * config folder: $XDG_CONFIG_HOME/closedloop/settings.json, else ~/.config/closedloop/...
 *
 *   {"interface_scale": 1.25, "fullscreen": true, "language": "zh"}
 *
 * Every key is optional; the file is read strictly (an unknown key, a value of the wrong type or
 * out of range makes the whole file bad), but a bad or unreadable file never stops the game: the
 * reader says why (file and JSON path) and the defaults are used. The window writes the file
 * when a game or the start screen ends, with cJSON. Command-line flags (--scale, --fullscreen,
 * --size, --lang) and $CLOSEDLOOP_LANG override it. */
#ifndef APP_SETTINGS_H
#define APP_SETTINGS_H

#include <stddef.h>

typedef struct {
    int has_scale, has_fullscreen, has_lang; /* which keys the file gave */
    double scale;                            /* the user's interface scale (ui_scale.h) */
    int fullscreen;                          /* 1: the window covered the screen */
    int lang;                                /* a CoreLang */
} AppSettings;

/* The settings file's path into buf; -1 when neither $XDG_CONFIG_HOME nor $HOME is set. */
int app_settings_path(char *buf, size_t bufsz);
/* Reads path into s. 0: read (a missing file reads as no settings); -1: the file is bad or
 * cannot be read, warn says why ("FILE: $.language: expected \"en\" or \"zh\"") and s holds no
 * settings. */
int app_settings_read(const char *path, AppSettings *s, char *warn, size_t warnsz);
/* Writes the keys s has to path (making its folder); 0, or -1 with err. */
int app_settings_write(const char *path, const AppSettings *s, char *err, size_t errsz);

#endif

/* dat_file: whole files in, and files replaced in one step.
 *
 * dat_read_file reads a whole file under a size cap (checked from the file's size before reading
 * and again while reading, for pipes and growing files) into a NUL-terminated buffer the caller
 * frees. dat_write_file_atomic replaces a file so that a reader sees the old file or the new one,
 * never a part: a temp file in the same folder, fsync, rename, fsync of the folder. Messages
 * ("PATH: why") go into the caller's buffer. */
#ifndef DAT_FILE_H
#define DAT_FILE_H

#include <stddef.h>

/* Reads a whole file into a NUL-terminated buffer the caller frees; refuses files over max
 * bytes before reading them. NULL with "FILE: why" in err. */
char *dat_read_file(const char *path, size_t max, size_t *len, char *err, size_t errsz);

/* Replaces path with data in one step: a temp file in the same folder, fsync, rename, fsync of
 * the folder. "-" writes to stdout. Returns 0 or -1 with "PATH: why" in err. */
int dat_write_file_atomic(const char *path, const void *data, size_t len, char *err, size_t errsz);

/* dat_write_file_atomic of text (len bytes), which it frees; a NULL text (its writer failed)
 * writes nothing and says "PATH: why". 0, or -1 with the message in err. */
int dat_write_text_file(const char *path, char *text, size_t len, const char *why, char *err,
                        size_t errsz);

/* dat_write_file_atomic with the file's mode (0600: a file only its owner reads, such as the save
 * of a hosted game, which holds the room's tokens). */
int dat_write_file_mode(const char *path, const void *data, size_t len, unsigned mode, char *err,
                        size_t errsz);

#endif

/* fuzz_util: what the libFuzzer harnesses share.
 *
 * Each harness is one file with LLVMFuzzerTestOneInput (and, when it needs data loaded once,
 * LLVMFuzzerInitialize). A broken promise of the code under test that is not a memory error
 * (an error message that is empty or runs over several lines, a game the engine cannot go on
 * with) is reported by fuzz_fail, which aborts so that libFuzzer keeps the input as a crash. */
#ifndef FUZZ_UTIL_H
#define FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Prints what went wrong and aborts (libFuzzer saves the input as crash-*). */
static inline void fuzz_fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz: %s: %s\n", what, detail ? detail : "");
    abort();
}

/* Length of s, or sz if no NUL ends it within sz bytes. */
static inline size_t fuzz_strnlen(const char *s, size_t sz)
{
    const char *nul = memchr(s, '\0', sz);
    return nul ? (size_t)(nul - s) : sz;
}

/* A failure message must say something, on one line, within its buffer, with no control
 * character (the file's text must not reach a terminal as escape sequences). */
static inline void fuzz_check_message(const char *err, size_t errsz, const char *what)
{
    size_t n = fuzz_strnlen(err, errsz);
    if (n == errsz)
        fuzz_fail(what, "error message not NUL-terminated");
    if (n == 0)
        fuzz_fail(what, "failed with an empty error message");
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)err[i] < 0x20 || err[i] == 0x7f) {
            fprintf(stderr, "fuzz: the message: %s\n", err);
            fuzz_fail("a control character (a line break, an escape) in the message of", what);
        }
}

#endif

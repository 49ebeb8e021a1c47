/* dat_file: whole files in, files replaced in one step (see dat_file.h). */
#define _POSIX_C_SOURCE 200809L

#include "dat_file.h"

#include "core_err.h"
#include "dat_msg.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *dat_read_file(const char *path, size_t max, size_t *len, char *err, size_t errsz)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    size_t cap = 65536, n = 0;
    char *buf = NULL;
    int too_large = 0;
    *len = 0;
    if (!f) {
        char why[512];
        return core_errf(err, errsz, "%s: %s", path,
                         dat_tr(why, sizeof why, "err.file.open", "cannot open: {1}",
                                strerror(errno), NULL)),
               NULL;
    }
    if (fstat(fileno(f), &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            fclose(f);
            return core_errf(err, errsz, "%s: %s", path,
                             dat_phrase("err.file.folder", "is a folder, not a file")),
                   NULL;
        }
        /* Refuse a big file from its size, before reading any of it. */
        if (S_ISREG(st.st_mode)) {
            if ((uintmax_t)st.st_size > (uintmax_t)max) {
                fclose(f);
                char size[32], limit[32], why[256];
                snprintf(size, sizeof size, "%.1f", (double)st.st_size / 1048576.0);
                snprintf(limit, sizeof limit, "%.0f", (double)max / 1048576.0);
                core_errf(err, errsz, "%s: %s", path,
                          dat_tr(why, sizeof why, "err.file.too_large",
                                 "file is too large ({1} MiB; the limit is {2} MiB)", size, limit,
                                 NULL));
                return NULL;
            }
            cap = (size_t)st.st_size + 2; /* room to see the end of file without growing */
        }
    }
    /* Read at most max + 1 bytes: a file that grew, or a pipe, is caught by its length too. */
    for (;;) {
        if (n + 1 >= cap || !buf) {
            size_t ncap = !buf ? cap : (cap > (max + 2) / 2 ? max + 2 : cap * 2);
            char *nb = realloc(buf, ncap);
            if (!nb) {
                free(buf);
                fclose(f);
                return core_errf(err, errsz, "%s: out of memory", path), NULL;
            }
            buf = nb;
            cap = ncap;
        }
        size_t want = cap - 1 - n;
        size_t got = fread(buf + n, 1, want, f);
        n += got;
        if (n > max) {
            too_large = 1;
            break;
        }
        if (got < want) {
            if (ferror(f)) {
                int e = errno;
                free(buf);
                fclose(f);
                char why[512];
                return core_errf(err, errsz, "%s: %s", path,
                                 dat_tr(why, sizeof why, "err.file.read", "cannot read: {1}",
                                        strerror(e), NULL)),
                       NULL;
            }
            break;
        }
    }
    fclose(f);
    if (too_large) {
        free(buf);
        char limit[32], why[256];
        snprintf(limit, sizeof limit, "%.0f", (double)max / 1048576.0);
        return core_errf(err, errsz, "%s: %s", path,
                         dat_tr(why, sizeof why, "err.file.too_large_read",
                                "file is too large (the limit is {1} MiB)", limit, NULL)),
               NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int dat_write_file_atomic(const char *path, const void *data, size_t len, char *err, size_t errsz)
{
    return dat_write_file_mode(path, data, len, 0644, err, errsz);
}

int dat_write_file_mode(const char *path, const void *data, size_t len, unsigned mode, char *err,
                        size_t errsz)
{
    char why[512];
    if (strcmp(path, "-") == 0) {
        if (len && fwrite(data, 1, len, stdout) != len)
            return core_errf(err, errsz, "stdout: %s",
                             dat_tr(why, sizeof why, "err.file.write", "cannot write: {1}",
                                    strerror(errno), NULL));
        if (fflush(stdout))
            return core_errf(err, errsz, "stdout: %s",
                             dat_tr(why, sizeof why, "err.file.write", "cannot write: {1}",
                                    strerror(errno), NULL));
        return 0;
    }
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t dirlen = slash ? (size_t)(slash - path) : 0;
    if (!*base)
        return core_errf(err, errsz, "%s: %s", path,
                         dat_phrase("err.file.not_a_name", "not a file name"));
    char *dir = malloc(dirlen + 2);
    char *tmp = malloc(strlen(path) + 16);
    int fd = -1, e = 0;
    const char *step = "";
    if (!dir || !tmp) {
        free(dir);
        free(tmp);
        return core_errf(err, errsz, "%s: out of memory", path);
    }
    if (!slash)
        strcpy(dir, ".");
    else if (dirlen == 0)
        strcpy(dir, "/");
    else {
        memcpy(dir, path, dirlen);
        dir[dirlen] = '\0';
    }
    /* A hidden temp file beside the target, so the rename stays within one file system. */
    sprintf(tmp, "%.*s.%s.XXXXXX", (int)(slash ? dirlen + 1 : 0), path, base);
    fd = mkstemp(tmp);
    if (fd < 0) {
        e = errno;
        core_errf(err, errsz, "%s: %s", path,
                  dat_tr(why, sizeof why, "err.file.temp",
                         "cannot create a temporary file in {1}: {2}", dir, strerror(e), NULL));
        free(dir);
        free(tmp);
        return -1;
    }
    if (fchmod(fd, (mode_t)mode) != 0) {
        step = dat_phrase("err.file.mode", "cannot set the mode of the temporary file");
        goto fail;
    }
    if (write_all(fd, data, len) != 0) {
        step = dat_phrase("err.file.step_write", "cannot write");
        goto fail;
    }
    if (fsync(fd) != 0) {
        step = dat_phrase("err.file.flush", "cannot flush to disk");
        goto fail;
    }
    if (close(fd) != 0) {
        fd = -1;
        step = dat_phrase("err.file.close", "cannot close");
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) != 0) {
        step = dat_phrase("err.file.replace", "cannot replace the file");
        goto fail;
    }
    /* Make the rename itself durable. Some file systems refuse fsync on a folder: not an error. */
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
    free(dir);
    free(tmp);
    return 0;
fail:
    e = errno;
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    core_errf(err, errsz, "%s: %s: %s", path, step, strerror(e));
    free(dir);
    free(tmp);
    return -1;
}

int dat_write_text_file(const char *path, char *text, size_t len, const char *why, char *err,
                        size_t errsz)
{
    if (!text)
        return core_errf(err, errsz, "%s: %s", path, why);
    int rc = dat_write_file_atomic(path, text, len, err, errsz);
    free(text);
    return rc;
}

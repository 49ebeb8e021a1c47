/* app_merge: `closedloop merge A.csv B.csv ... [--out ALL.csv]`: joins the shards of one batch
 * (closedloop batch --shard I/N) back into the file one process would have written.
 *
 * Shard I of N holds the runs r with r % N == I, in order, so the merge reads the files side by
 * side, taking run r from shard r % N: it streams, whatever the size of the batch. It refuses,
 * with a message naming the files, shards of different batches (the header's batch hash, total
 * or N differ), a shard given twice or missing, a mix of CSV and JSON lines, and a shard that
 * stops early (an interrupted run) or holds a row out of place. The merged file is the same,
 * byte for byte, as the unsharded batch's. Exit status: 0 merged, 2 refused, 1 a write failed. */
#ifndef APP_MERGE_H
#define APP_MERGE_H

#include <stdio.h>

/* `closedloop merge ...` (argv[1] is "merge"): the process exit status. */
int app_merge_main(int argc, char **argv, FILE *out, FILE *errout);

#endif

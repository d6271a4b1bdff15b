/*
 * Files that must survive a crash whole: the state a real BMC keeps in
 * flash.  A write goes to a temporary file in the same directory, is
 * flushed to disk, renamed over the old file and the directory is flushed
 * too, so that after a crash or kill -9 the file holds the old content or
 * the new, never a mix.
 */
#ifndef BMCSIM_STATEFILE_H
#define BMCSIM_STATEFILE_H

#include <stddef.h>

/*
 * Writes len bytes to path atomically (mode 0600: the state holds
 * passwords).  0, or ERR_SYSTEM with errno set.
 */
int statefile_write(const char *path, const void *, size_t len);

/*
 * Many writes, one flush: between statefile_batch_begin() and
 * statefile_batch_end(), statefile_write() only writes each temporary
 * file and remembers it (0 then means "written", not yet "durable").
 * statefile_batch_end() then flushes them all with one syncfs() of their
 * file system (Linux; elsewhere an fsync of each), renames each over its
 * file, and flushes again for the renames: after it returns 0 every file
 * holds its new content durably, and a crash before leaves each file old
 * or new, never a mix.  Answer the requests that caused the writes only
 * after it.  0, or ERR_SYSTEM with errno set (the files it could not
 * finish keep their old content; their temporary files are removed).
 * Batches do not nest; the daemon is single-threaded.
 */
void statefile_batch_begin(void);
int  statefile_batch_end(void);

/*
 * Reads a whole file into a malloc'd, NUL-terminated buffer.  0 with *out
 * and *len set; ERR_NOT_FOUND if the file does not exist; ERR_SYSTEM with
 * errno set for any other failure (ERR_NOMEM if out of memory).
 */
int statefile_read(const char *path, char **out, size_t *len);

/*
 * Makes sure dir exists and is a writable directory, creating it (mode
 * 0700) if missing.  0, or ERR_SYSTEM with errno set.
 */
int statefile_prepare_dir(const char *dir);

#endif

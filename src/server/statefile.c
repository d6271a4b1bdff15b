#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "statefile.h"

static int
write_all(int fd, const unsigned char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Flushes the directory entry of a rename (POSIX leaves it in cache). */
static int
sync_parent_dir(const char *path)
{
	char	    dir[PATH_MAX];
	const char *slash = strrchr(path, '/');
	int	    fd, rc;

	if (slash == NULL)
		strcpy(dir, ".");
	else if (slash == path)
		strcpy(dir, "/");
	else {
		if ((size_t)(slash - path) >= sizeof(dir)) {
			errno = ENAMETOOLONG;
			return -1;
		}
		memcpy(dir, path, (size_t)(slash - path));
		dir[slash - path] = '\0';
	}
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* The files of the open batch: paths whose "PATH.tmp" awaits its rename. */
static struct {
	int    open;
	char **paths;
	size_t n, cap;
} batch;

void
statefile_batch_begin(void)
{
	batch.open = 1;
	batch.n = 0;
}

/* Remembers path once (a BMC changed twice rewrote the same tmp file). */
static int
batch_add(const char *path)
{
	size_t i;
	char **p;

	for (i = 0; i < batch.n; i++)
		if (strcmp(batch.paths[i], path) == 0)
			return 0;
	if (batch.n == batch.cap) {
		size_t cap = batch.cap != 0 ? 2 * batch.cap : 64;

		if ((p = realloc(batch.paths, cap * sizeof(*p))) == NULL)
			return -1;
		batch.paths = p;
		batch.cap = cap;
	}
	if ((batch.paths[batch.n] = strdup(path)) == NULL)
		return -1;
	batch.n++;
	return 0;
}

/* fsync() of a path (a file, or a directory for its entries). */
static int
sync_path(const char *path, int flags)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | flags), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/*
 * Flushes everything the batch wrote.  One syncfs() covers every file of
 * the state directory's file system at once: 10,000 fsyncs of small
 * files cost minutes, one syncfs() a fraction of a second.
 */
static int
batch_flush(int renamed)
{
	size_t i;
	char   tmp[PATH_MAX];

#ifdef __linux__
	if (batch.n > 0) {
		int fd = open(batch.paths[0], O_RDONLY | O_CLOEXEC), rc;

		if (fd < 0 && !renamed) {
			snprintf(tmp, sizeof(tmp), "%s.tmp", batch.paths[0]);
			fd = open(tmp, O_RDONLY | O_CLOEXEC);
		}
		if (fd >= 0) {
			rc = syncfs(fd);
			close(fd);
			if (rc == 0)
				return 0;
		}
	}
#endif
	for (i = 0; i < batch.n; i++) {
		snprintf(tmp, sizeof(tmp), "%s.tmp", batch.paths[i]);
		if (renamed ? sync_parent_dir(batch.paths[i]) < 0
			    : sync_path(tmp, 0) < 0)
			return -1;
	}
	return 0;
}

int
statefile_batch_end(void)
{
	char   tmp[PATH_MAX];
	size_t i;
	int    rc = 0, saved = 0;

	batch.open = 0;
	if (batch_flush(0) < 0) {
		saved = errno;
		rc = ERR_SYSTEM;
	}
	for (i = 0; i < batch.n; i++) {
		snprintf(tmp, sizeof(tmp), "%s.tmp", batch.paths[i]);
		if (rc != 0 || rename(tmp, batch.paths[i]) < 0) {
			if (rc == 0) {
				saved = errno;
				rc = ERR_SYSTEM;
			}
			unlink(tmp);
		}
	}
	/* What was renamed is made durable even after a failure. */
	if (batch_flush(1) < 0 && rc == 0) {
		saved = errno;
		rc = ERR_SYSTEM;
	}
	for (i = 0; i < batch.n; i++)
		free(batch.paths[i]);
	batch.n = 0;
	errno = saved;
	return rc;
}

int
statefile_write(const char *path, const void *data, size_t len)
{
	char tmp[PATH_MAX];
	int  fd, saved;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return ERR_SYSTEM;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return ERR_SYSTEM;
	if (batch.open) {
		/* Durable at statefile_batch_end(). */
		int bad = write_all(fd, data, len) < 0;

		saved = errno;
		if (close(fd) < 0 && !bad) {
			bad = 1;
			saved = errno;
		}
		if (!bad && batch_add(path) < 0) {
			bad = 1;
			saved = errno;
		}
		if (bad) {
			unlink(tmp);
			errno = saved;
			return ERR_SYSTEM;
		}
		return 0;
	}
	if (write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		saved = errno;
		close(fd);
		unlink(tmp);
		errno = saved;
		return ERR_SYSTEM;
	}
	if (close(fd) < 0 || rename(tmp, path) < 0) {
		saved = errno;
		unlink(tmp);
		errno = saved;
		return ERR_SYSTEM;
	}
	if (sync_parent_dir(path) < 0)
		return ERR_SYSTEM;
	return 0;
}

int
statefile_read(const char *path, char **out, size_t *lenp)
{
	struct stat st;
	char	   *buf;
	size_t	    len = 0;
	int	    fd, saved;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? ERR_NOT_FOUND : ERR_SYSTEM;
	if (fstat(fd, &st) < 0)
		saved = errno;
	else if (!S_ISREG(st.st_mode))
		saved = EINVAL;
	else if (st.st_size > 16 * 1024 * 1024)
		saved = EFBIG; /* no state of ours is that large */
	else
		saved = 0;
	if (saved != 0) {
		close(fd);
		errno = saved;
		return ERR_SYSTEM;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (buf == NULL) {
		close(fd);
		return ERR_NOMEM;
	}
	while (len < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + len, (size_t)st.st_size - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	*out = buf;
	*lenp = len;
	return 0;
}

int
statefile_prepare_dir(const char *dir)
{
	struct stat st;

	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return ERR_SYSTEM;
	if (stat(dir, &st) < 0)
		return ERR_SYSTEM;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return ERR_SYSTEM;
	}
	if (access(dir, W_OK | X_OK) < 0)
		return ERR_SYSTEM;
	return 0;
}

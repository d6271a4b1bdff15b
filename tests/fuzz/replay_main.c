/*
 * A main() for the fuzz harnesses when they are not linked with libFuzzer:
 * it runs LLVMFuzzerTestOneInput once on every file named on the command
 * line, or found (one level deep) in a directory named there.  make check
 * uses it to replay the seed corpora, so a harness that crashes or aborts
 * on a stored input fails the build.  Exits 0 when every input ran, 1 when
 * one could not be read, 2 on a usage error.
 */
#define _POSIX_C_SOURCE 200809L

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int replay_file(const char *, unsigned long *);
static int replay_dir(const char *, unsigned long *);

static int
replay_file(const char *path, unsigned long *count)
{
	uint8_t *buf = NULL;
	size_t	 len = 0, cap = 0, n;
	FILE	*fp;
	int	 rc = 0;

	if ((fp = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return 1;
	}
	for (;;) {
		if (len == cap) {
			uint8_t *nbuf;

			cap = cap == 0 ? 4096 : cap * 2;
			if ((nbuf = realloc(buf, cap)) == NULL) {
				fprintf(stderr, "replay: %s: out of memory\n",
				    path);
				rc = 1;
				goto out;
			}
			buf = nbuf;
		}
		n = fread(buf + len, 1, cap - len, fp);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(fp)) {
		fprintf(stderr, "replay: %s: read error\n", path);
		rc = 1;
		goto out;
	}
	/* An exact-size copy, so that ASan sees any read past the end. */
	{
		uint8_t *exact = malloc(len > 0 ? len : 1);

		if (exact == NULL) {
			rc = 1;
			goto out;
		}
		if (len > 0)
			memcpy(exact, buf, len);
		(void)LLVMFuzzerTestOneInput(exact, len);
		free(exact);
	}
	(*count)++;
out:
	free(buf);
	fclose(fp);
	return rc;
}

static int
replay_dir(const char *path, unsigned long *count)
{
	struct dirent *de;
	struct stat    st;
	char	       full[4096];
	DIR	      *dir;
	int	       rc = 0;

	if ((dir = opendir(path)) == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(full, sizeof(full), "%s/%s", path,
			de->d_name) >= sizeof(full)) {
			fprintf(stderr, "replay: %s/%s: name too long\n", path,
			    de->d_name);
			rc = 1;
			continue;
		}
		if (stat(full, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (replay_file(full, count) != 0)
			rc = 1;
	}
	closedir(dir);
	return rc;
}

int
main(int argc, char **argv)
{
	unsigned long count = 0;
	struct stat   st;
	int	      i, rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s file-or-directory ...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "replay: %s: %s\n", argv[i],
			    strerror(errno));
			rc = 1;
		} else if (S_ISDIR(st.st_mode)) {
			if (replay_dir(argv[i], &count) != 0)
				rc = 1;
		} else if (replay_file(argv[i], &count) != 0)
			rc = 1;
	}
	printf("replay: %lu input%s\n", count, count == 1 ? "" : "s");
	return rc;
}

#include <check.h>
#include <stdio.h>
#include <string.h>

#include "hexdump.h"
#include "seedtrace.h"

void
seedtrace_load(struct seed_trace *t, const char *file)
{
	char		    path[1024], line[512];
	struct seed_record *cur = NULL;
	FILE		   *fp;
	size_t		    n;

	memset(t, 0, sizeof(*t));
	snprintf(path, sizeof(path), "%s/%s", TEST_DATA_DIR, file);
	if ((fp = fopen(path, "r")) == NULL)
		ck_abort_msg("cannot open %s", path);
	while (fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (line[0] == '@') {
			ck_assert_uint_lt(t->n, SEEDTRACE_MAX_RECORDS);
			cur = &t->rec[t->n++];
			if (sscanf(line, "@ %3s %47s", cur->dir, cur->name) !=
			    2)
				ck_abort_msg("bad record line: %s", line);
			continue;
		}
		ck_assert_ptr_nonnull(cur);
		if (hexdump_parse(line, cur->bytes + cur->len,
			SEEDTRACE_MAX_BYTES - cur->len, &n) != 0)
			ck_abort_msg("bad hex in %s: %s", cur->name, line);
		cur->len += n;
	}
	fclose(fp);
	ck_assert_uint_gt(t->n, 0);
}

const struct seed_record *
seedtrace_get(const struct seed_trace *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->rec[i].name, name) == 0)
			return &t->rec[i];
	ck_abort_msg("no record %s in the seed trace", name);
	return NULL;
}

const struct seed_record *
seedtrace_nth(const struct seed_trace *t, const char *dir, size_t n)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->rec[i].dir, dir) == 0 && n-- == 0)
			return &t->rec[i];
	return NULL;
}

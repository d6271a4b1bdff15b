#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "statefile.h"

static char dir[64];

static void
setup(void)
{
	strcpy(dir, "/tmp/check_statefile.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(test_write_read_replace)
{
	char	    path[128], tmp[160], *text;
	size_t	    len;
	struct stat st;

	snprintf(path, sizeof(path), "%s/a.state", dir);
	ck_assert_int_eq(statefile_read(path, &text, &len), ERR_NOT_FOUND);
	ck_assert_int_eq(statefile_write(path, "first\n", 6), 0);
	ck_assert_int_eq(statefile_read(path, &text, &len), 0);
	ck_assert_uint_eq(len, 6);
	ck_assert_str_eq(text, "first\n");
	free(text);
	/* The state holds passwords: owner only. */
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(statefile_write(path, "second, longer\n", 15), 0);
	ck_assert_int_eq(statefile_read(path, &text, &len), 0);
	ck_assert_str_eq(text, "second, longer\n");
	free(text);
	/* No temporary file is left behind. */
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	ck_assert_int_eq(access(tmp, F_OK), -1);
	/* An empty state is a valid one. */
	ck_assert_int_eq(statefile_write(path, "", 0), 0);
	ck_assert_int_eq(statefile_read(path, &text, &len), 0);
	ck_assert_uint_eq(len, 0);
	ck_assert_str_eq(text, "");
	free(text);
}
END_TEST

START_TEST(test_write_failure_keeps_old)
{
	char   path[128], *text;
	size_t len;

	snprintf(path, sizeof(path), "%s/nodir/a.state", dir);
	ck_assert_int_eq(statefile_write(path, "x", 1), ERR_SYSTEM);
	ck_assert_int_eq(errno, ENOENT);
	/* A directory where the file should be: the write fails whole. */
	snprintf(path, sizeof(path), "%s/b.state", dir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	ck_assert_int_eq(statefile_write(path, "x", 1), ERR_SYSTEM);
	ck_assert_int_eq(statefile_read(path, &text, &len), ERR_SYSTEM);
}
END_TEST

/*
 * In a batch, files keep their old content (the new one waits in PATH.tmp)
 * until statefile_batch_end(), which puts every new content in place; a
 * file written twice in a batch gets the last content.
 */
START_TEST(test_batch)
{
	char   a[128], b[128], tmp[160], *text;
	size_t len;

	snprintf(a, sizeof(a), "%s/a.state", dir);
	snprintf(b, sizeof(b), "%s/b.state", dir);
	ck_assert_int_eq(statefile_write(a, "old a\n", 6), 0);
	statefile_batch_begin();
	ck_assert_int_eq(statefile_write(a, "new a\n", 6), 0);
	ck_assert_int_eq(statefile_write(b, "b1\n", 3), 0);
	ck_assert_int_eq(statefile_write(b, "b2\n", 3), 0);
	ck_assert_int_eq(statefile_read(a, &text, &len), 0);
	ck_assert_str_eq(text, "old a\n");
	free(text);
	ck_assert_int_eq(statefile_read(b, &text, &len), ERR_NOT_FOUND);
	ck_assert_int_eq(statefile_batch_end(), 0);
	ck_assert_int_eq(statefile_read(a, &text, &len), 0);
	ck_assert_str_eq(text, "new a\n");
	free(text);
	ck_assert_int_eq(statefile_read(b, &text, &len), 0);
	ck_assert_str_eq(text, "b2\n");
	free(text);
	snprintf(tmp, sizeof(tmp), "%s.tmp", b);
	ck_assert_int_eq(access(tmp, F_OK), -1);
	/* Out of a batch, writes are immediate again; an empty batch is 0. */
	ck_assert_int_eq(statefile_write(a, "now\n", 4), 0);
	ck_assert_int_eq(statefile_read(a, &text, &len), 0);
	ck_assert_str_eq(text, "now\n");
	free(text);
	statefile_batch_begin();
	ck_assert_int_eq(statefile_batch_end(), 0);
}
END_TEST

START_TEST(test_prepare_dir)
{
	char sub[128], file[160];

	snprintf(sub, sizeof(sub), "%s/state", dir);
	ck_assert_int_eq(statefile_prepare_dir(sub), 0);
	ck_assert_int_eq(statefile_prepare_dir(sub), 0); /* exists: fine */
	snprintf(file, sizeof(file), "%s/file", dir);
	ck_assert_int_eq(statefile_write(file, "x", 1), 0);
	ck_assert_int_eq(statefile_prepare_dir(file), ERR_SYSTEM);
	ck_assert_int_eq(errno, ENOTDIR);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("statefile");
	TCase	*tc = tcase_create("statefile");
	SRunner *sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_write_read_replace);
	tcase_add_test(tc, test_write_failure_keeps_old);
	tcase_add_test(tc, test_prepare_dir);
	tcase_add_test(tc, test_batch);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}

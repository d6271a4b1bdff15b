/*
 * The line reader under the INI engine (src/model/ini_lines.c): what
 * inih makes of each kind of line, and the number each one is reported
 * at; every bad line is reported, not only the first; no continuation
 * lines; a BOM only on line 1; the 198-byte limit; headers longer than
 * inih's section buffer.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "ini_lines.h"

static char log_text[4096];

static const char *const kind_names[] = {
    [INI_LINES_PAIR] = "pair",
    [INI_LINES_SECTION] = "section",
    [INI_LINES_BAD_SECTION] = "bad-section",
    [INI_LINES_BAD] = "bad",
    [INI_LINES_LONG] = "long",
};

/* "KIND LINE [SECTION] KEY=VALUE|", key and value only where given. */
static void
log_cb(void *arg, enum ini_lines_kind kind, unsigned line, const char *section,
    const char *key, const char *value)
{
	size_t n = strlen(log_text);

	(void)arg;
	n += (size_t)snprintf(log_text + n, sizeof(log_text) - n, "%s %u [%s]",
	    kind_names[kind], line, section);
	if (key != NULL)
		n += (size_t)snprintf(
		    log_text + n, sizeof(log_text) - n, " %s", key);
	if (value != NULL)
		n += (size_t)snprintf(
		    log_text + n, sizeof(log_text) - n, "=%s", value);
	snprintf(log_text + n, sizeof(log_text) - n, "|");
}

static const char *
read_text(const char *text, size_t len)
{
	log_text[0] = '\0';
	ck_assert_int_eq(ini_lines_read(text, len, log_cb, NULL), 0);
	return log_text;
}

static const char *
read_str(const char *text)
{
	return read_text(text, strlen(text));
}

START_TEST(test_pairs_and_sections)
{
	ck_assert_str_eq(read_str("a = 1\n"
				  "; comment\n"
				  "# comment\n"
				  "\n"
				  "[one]\n"
				  "b: two words  \n"
				  "c = x ;inline\n"
				  "d = x;not inline\n"
				  "e =;x\n"
				  "[ sensor 3 ]  ; the section\n"
				  "f = \"q\"\n"),
	    "pair 1 [] a=1|"
	    "section 5 [one]=|"
	    "pair 6 [one] b=two words|"
	    "pair 7 [one] c=x|"
	    "pair 8 [one] d=x;not inline|"
	    "pair 9 [one] e=;x|"
	    "section 10 [ sensor 3 ]=; the section|"
	    "pair 11 [ sensor 3 ] f=\"q\"|");
	/* What inih ignores after ']' is passed on; an empty key too. */
	ck_assert_str_eq(read_str("[one] junk\n= 1\n"),
	    "section 1 [one]=junk|pair 2 [one] =1|");
	ck_assert_str_eq(read_str(""), "");
	ck_assert_str_eq(
	    read_str("[a]\nk = v"), "section 1 [a]=|pair 2 [a] k=v|");
}
END_TEST

START_TEST(test_bad_lines)
{
	/* Each bad line at its number, not only inih's first. */
	ck_assert_str_eq(read_str("[one]\n"
				  "just words\n"
				  "k ; = 1\n"
				  "[broken\n"
				  "[two ; x]\n"
				  "k = v\n"),
	    "section 1 [one]=|"
	    "bad 2 [one]|"
	    "bad 3 [one]|"
	    "bad-section 4 [one]|"
	    "bad-section 5 [one]|"
	    "pair 6 [one] k=v|");
}
END_TEST

START_TEST(test_no_continuation)
{
	/* inih would pass "  y" as a second value of k. */
	ck_assert_str_eq(read_str("[one]\nk = x\n  y\n\tm = 2\n"),
	    "section 1 [one]=|pair 2 [one] k=x|bad 3 [one]|"
	    "pair 4 [one] m=2|");
}
END_TEST

START_TEST(test_line_ends)
{
	static const char nul[] = "[one]\nk = 4\0junk\nm = 5\n";

	ck_assert_str_eq(read_str("\xef\xbb\xbf[one]\r\nk = 1\r\n"),
	    "section 1 [one]=|pair 2 [one] k=1|");
	/* A BOM only opens line 1: elsewhere it is part of the key. */
	ck_assert_str_eq(read_str("[one]\n\xef\xbb\xbfk = 1\n"),
	    "section 1 [one]=|pair 2 [one] \xef\xbb\xbfk=1|");
	ck_assert_str_eq(read_text(nul, sizeof(nul) - 1),
	    "section 1 [one]=|pair 2 [one] k=4|pair 3 [one] m=5|");
}
END_TEST

START_TEST(test_long_lines)
{
	char text[700], want[700], name[80];

	/* 198 bytes are a line (leading blanks and '\r' not counted). */
	snprintf(text, sizeof(text), "  k = %0192d\r\n", 7);
	snprintf(want, sizeof(want), "pair 1 [] k=%0192d|", 7);
	ck_assert_str_eq(read_str(text), want);
	snprintf(text, sizeof(text), "k = %0195d\nm = 1\n", 7);
	ck_assert_str_eq(read_str(text), "long 1 []|pair 2 [] m=1|");
	snprintf(text, sizeof(text), "%0300d\n", 7);
	ck_assert_str_eq(read_str(text), "long 1 []|");
	/* A long comment is a comment; a long header still a header. */
	snprintf(text, sizeof(text), "; %0300d\n[a] ; %0300d\n", 7, 8);
	snprintf(want, sizeof(want), "section 2 [a]=; %0300d|", 8);
	ck_assert_str_eq(read_str(text), want);
	/* inih keeps 49 bytes of a section name; the header is read whole. */
	memset(name, 'n', 60);
	name[60] = '\0';
	snprintf(text, sizeof(text), "[bmc %s]\nk = 1\n", name);
	snprintf(want, sizeof(want), "section 1 [bmc %s]=|pair 2 [bmc %s] k=1|",
	    name, name);
	ck_assert_str_eq(read_str(text), want);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("ini_lines");
	TCase	*tc = tcase_create("lines");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_pairs_and_sections);
	tcase_add_test(tc, test_bad_lines);
	tcase_add_test(tc, test_no_continuation);
	tcase_add_test(tc, test_line_ends);
	tcase_add_test(tc, test_long_lines);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}

/*
 * The INI engine: every key type with good values and each bad value's
 * exact message, section arguments and their ranges, unknown and repeated
 * keys and sections, the line syntax (comments, quotes, CRLF, BOM, long
 * lines) and the line each message carries; the plain reader of the
 * saved state; and the registry of bmcsim.ini(5)'s sections.
 */
#include <check.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "config.h"
#include "ini.h"
#include "model.h"

struct rec {
	uint8_t	 u8;
	uint16_t u16;
	uint32_t ms;
	uint64_t u64;
	int8_t	 s8;
	int16_t	 s16;
	uint8_t	 b;
	uint8_t	 e;
	uint8_t	 nn;
	char	 str[9];
	double	 d;
	uint8_t	 ip[4];
	uint8_t	 mac[6];
	uint8_t	 guid[16];
	uint8_t	 guid_given;
	uint8_t	 pin;
};

struct root {
	struct rec one;
	struct rec item[4];   /* [item N], N 1..3 */
	struct rec person[3]; /* [person N], N 1..2 */
	char	   named[8][16];
	unsigned   nnamed;
	unsigned   ends, checks;
	unsigned   end_line[8]; /* ini_key_line(f, "u8") at each end */
	unsigned   one_header;	/* ini_header_line() seen by check_cb */
	unsigned   item2_header;
};

static const struct ini_name colours[] = {
    {"red", 1},
    {"green", 2},
    {NULL, 0},
};

#define K(n, t, field) .name = n, .parse = t, .off = offsetof(struct rec, field)

static const struct ini_key rec_keys[] = {
    {K("u8", ini_type_uint, u8), .size = 1, .min = 0, .max = 255},
    {K("u16", ini_type_uint, u16), .size = 2, .min = 10, .max = 1000},
    {K("ms", ini_type_uint, ms), .size = 4, .min = 1, .max = 60, .scale = 1000},
    {K("u64", ini_type_uint, u64), .size = 8, .min = 0, .max = UINT64_MAX},
    {K("s8", ini_type_sint, s8), .size = 1, .min = (uint64_t)-8, .max = 7},
    {K("s16", ini_type_sint, s16), .size = 2, .min = (uint64_t)-512,
	.max = 511},
    {K("b", ini_type_bool, b)},
    {K("e", ini_type_enum, e), .names = colours},
    {K("nn", ini_type_name_or_number, nn), .max = 255, .names = colours},
    {K("str", ini_type_string, str), .size = 8},
    {K("d", ini_type_double, d)},
    {K("ip", ini_type_ipv4, ip)},
    {K("mac", ini_type_mac, mac)},
    {K("guid", ini_type_guid, guid)},
    {K("pin", ini_type_uint, pin), .size = 1, .min = 0, .max = 9, .secret = 1},
    {.name = NULL},
};

static void *
one_begin(struct ini_file *f, void *root, unsigned n, const char *arg)
{
	return &((struct root *)root)->one;
}

static void *
item_begin(struct ini_file *f, void *root, unsigned n, const char *arg)
{
	return &((struct root *)root)->item[n];
}

static void *
person_begin(struct ini_file *f, void *root, unsigned n, const char *arg)
{
	return &((struct root *)root)->person[n];
}

static void *
named_begin(struct ini_file *f, void *root, unsigned n, const char *arg)
{
	struct root *r = root;

	if (*arg == '\0') {
		ini_error(f, "[named] needs a name");
		return NULL;
	}
	snprintf(r->named[r->nnamed], sizeof(r->named[0]), "%s", arg);
	return &r->named[r->nnamed++];
}

static void
rec_end(struct ini_file *f, void *root, void *target)
{
	struct root *r = root;

	if (r->ends < 8)
		r->end_line[r->ends] = ini_key_line(f, "u8");
	r->ends++;
}

static const struct ini_section one_section;
static const struct ini_section item_section;

static void
one_check(struct ini_file *f, void *root)
{
	struct root *r = root;

	r->checks++;
	r->one_header = ini_header_line(f, &one_section, 0);
	r->item2_header = ini_header_line(f, &item_section, 2);
	if (r->one.u8 == 99)
		ini_error_at(f, r->one_header, "u8 may not be 99");
}

static const struct ini_section one_section = {
    .name = "one",
    .arg = INI_ARG_NONE,
    .keys = rec_keys,
    .begin_cb = one_begin,
    .end_cb = rec_end,
    .check_cb = one_check,
};

static const struct ini_section item_section = {
    .name = "item",
    .arg = INI_ARG_NUMBER,
    .arg_min = 1,
    .arg_max = 3,
    .keys = rec_keys,
    .begin_cb = item_begin,
    .end_cb = rec_end,
};

static const struct ini_section person_section = {
    .name = "person",
    .arg = INI_ARG_NUMBER,
    .arg_min = 1,
    .arg_max = 2,
    .arg_noun = "person number",
    .keys = rec_keys,
    .begin_cb = person_begin,
};

static const struct ini_key no_keys[] = {{.name = NULL}};

static const struct ini_section named_section = {
    .name = "named",
    .arg = INI_ARG_NAME,
    .keys = no_keys,
    .begin_cb = named_begin,
};

static const struct ini_section *const test_sections[] = {
    &one_section,
    &item_section,
    &person_section,
    &named_section,
    NULL,
};

static struct root	  root;
static struct config_diag diag;

static unsigned
load(const char *text)
{
	int nomem = 0;

	config_diag_clear(&diag);
	memset(&root, 0, sizeof(root));
	return ini_load("t.ini", text, strlen(text), test_sections, &root, NULL,
	    0, &diag, &nomem);
}

static void
diag_print(void)
{
	size_t i;

	for (i = 0; i < diag.n; i++)
		fprintf(stderr, "  %s\n", diag.msgs[i]);
}

/* text has exactly the one problem want ("t.ini:LINE: ..."). */
static void
expect_one(const char *text, const char *want)
{
	unsigned n = load(text);

	if (n != 1 || diag.n != 1 || strcmp(diag.msgs[0], want) != 0) {
		diag_print();
		ck_abort_msg("%s: wanted only '%s'", text, want);
	}
}

/* A [one] section with one key line: the value's message. */
static void
expect_value(const char *line, const char *want)
{
	char text[300], full[300];

	snprintf(text, sizeof(text), "[one]\n%s\n", line);
	snprintf(full, sizeof(full), "t.ini:2: %s", want);
	expect_one(text, full);
}

static void
expect_clean(const char *text)
{
	unsigned n = load(text);

	if (n != 0) {
		diag_print();
		ck_abort_msg("%s: %u problem(s)", text, n);
	}
	ck_assert_uint_eq(diag.n, 0);
}

START_TEST(test_types_good)
{
	static const uint8_t guid_wire[16] = {0xff, 0xee, 0xdd, 0xcc, 0xbb,
	    0xaa, 0x99, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x00};

	expect_clean("[one]\n"
		     "u8 = 0xff\n"
		     "u16 = 1000\n"
		     "ms = 7\n"
		     "u64 = 18446744073709551615\n"
		     "s8 = -8\n"
		     "s16 = -0x200\n"
		     "b = On\n"
		     "e = GREEN\n"
		     "nn = 200\n"
		     "str = \" ab cd \"\n"
		     "d = -3.5e1\n"
		     "ip = 10.0.255.2\n"
		     "mac = 02-00:5E:00:00:0a\n"
		     "guid = 00112233-4455-6677-8899-aabbccddeeff\n"
		     "pin = 7\n");
	ck_assert_uint_eq(root.one.u8, 255);
	ck_assert_uint_eq(root.one.u16, 1000);
	ck_assert_uint_eq(root.one.ms, 7000);
	ck_assert_uint_eq(root.one.u64, UINT64_MAX);
	ck_assert_int_eq(root.one.s8, -8);
	ck_assert_int_eq(root.one.s16, -512);
	ck_assert_uint_eq(root.one.b, 1);
	ck_assert_uint_eq(root.one.e, 2);
	ck_assert_uint_eq(root.one.nn, 200);
	ck_assert_str_eq(root.one.str, " ab cd ");
	ck_assert(root.one.d == -35.0);
	ck_assert_mem_eq(root.one.ip, "\x0a\x00\xff\x02", 4);
	ck_assert_mem_eq(root.one.mac, "\x02\x00\x5e\x00\x00\x0a", 6);
	ck_assert_mem_eq(root.one.guid, guid_wire, 16);
	ck_assert_uint_eq(root.one.guid_given, 1);
	ck_assert_uint_eq(root.one.pin, 7);
	/* The other spellings. */
	expect_clean("[one]\nb = no\ne = red\nnn = green\ns8 = 7\nu16 = 10\n");
	ck_assert_uint_eq(root.one.b, 0);
	ck_assert_uint_eq(root.one.e, 1);
	ck_assert_uint_eq(root.one.nn, 2);
	ck_assert_int_eq(root.one.s8, 7);
	ck_assert_uint_eq(root.one.u16, 10);
}
END_TEST

START_TEST(test_types_bad)
{
	expect_value("u8 = 256", "u8 = 256: expected an integer from 0 to 255");
	expect_value("u8 = -1", "u8 = -1: expected an integer from 0 to 255");
	expect_value("u8 = 0x", "u8 = 0x: expected an integer from 0 to 255");
	expect_value("u8 = 1a", "u8 = 1a: expected an integer from 0 to 255");
	expect_value("u8 =", "u8 = : expected an integer from 0 to 255");
	expect_value("u16 = 9", "u16 = 9: expected an integer from 10 to 1000");
	expect_value("ms = 0", "ms = 0: expected an integer from 1 to 60");
	expect_value("u64 = 18446744073709551616",
	    "u64 = 18446744073709551616: expected an integer from 0 to "
	    "18446744073709551615");
	expect_value("s8 = -9", "s8 = -9: expected an integer from -8 to 7");
	expect_value("s8 = 8", "s8 = 8: expected an integer from -8 to 7");
	expect_value(
	    "s16 = --1", "s16 = --1: expected an integer from -512 to 511");
	expect_value("b = maybe", "b = maybe: expected yes or no");
	expect_value("e = blue", "e = blue: expected one of: red, green");
	expect_value("nn = 256",
	    "nn = 256: expected a number up to 255 or one of: red, green");
	expect_value("str = 123456789",
	    "str = 123456789: expected at most 8 printable bytes");
	expect_value(
	    "str = a\tb", "str = a\tb: expected at most 8 printable bytes");
	expect_value(
	    "d = 1e999", "d = 1e999: expected a number (12, -3.5, 0.25)");
	expect_value("d = nan", "d = nan: expected a number (12, -3.5, 0.25)");
	expect_value("d = 1x", "d = 1x: expected a number (12, -3.5, 0.25)");
	expect_value("ip = 10.0.0.256",
	    "ip = 10.0.0.256: expected an IPv4 address (10.0.0.2)");
	expect_value("ip = 10.0.0.01",
	    "ip = 10.0.0.01: expected an IPv4 address (10.0.0.2)");
	expect_value(
	    "ip = 10.0.0", "ip = 10.0.0: expected an IPv4 address (10.0.0.2)");
	expect_value("mac = 02:00:5e:00:00",
	    "mac = 02:00:5e:00:00: expected a MAC address (02:00:5e:00:00:01)");
	expect_value("mac = 02.00.5e.00.00.01",
	    "mac = 02.00.5e.00.00.01: expected a MAC address "
	    "(02:00:5e:00:00:01)");
	expect_value("guid = 00112233-4455-6677-8899-aabbccddeefg",
	    "guid = 00112233-4455-6677-8899-aabbccddeefg: expected a GUID, "
	    "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
	expect_value("guid = 0011223344556677-8899-aabbccddeeff",
	    "guid = 0011223344556677-8899-aabbccddeeff: expected a GUID, "
	    "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
	/* A secret is never echoed. */
	expect_value("pin = 1234", "pin: expected an integer from 0 to 9");
	/* Nothing was stored by a bad value. */
	load("[one]\nu8 = 300\nguid = x\n");
	ck_assert_uint_eq(root.one.u8, 0);
	ck_assert_uint_eq(root.one.guid_given, 0);
}
END_TEST

START_TEST(test_arguments)
{
	expect_clean("[item 1]\nu8 = 1\n[item 0x3]\nu8 = 3\n[person 2]\n"
		     "u8 = 2\n[named  alpha ]\n[named beta]\n");
	ck_assert_uint_eq(root.item[1].u8, 1);
	ck_assert_uint_eq(root.item[3].u8, 3);
	ck_assert_uint_eq(root.person[2].u8, 2);
	ck_assert_uint_eq(root.nnamed, 2);
	ck_assert_str_eq(root.named[0], "alpha");
	ck_assert_str_eq(root.named[1], "beta");
	expect_one(
	    "[item 0]\n", "t.ini:1: [item 0]: the number must be 1 to 3");
	expect_one(
	    "[item 4]\n", "t.ini:1: [item 4]: the number must be 1 to 3");
	expect_one("[item]\n", "t.ini:1: [item ]: the number must be 1 to 3");
	expect_one(
	    "[item x]\n", "t.ini:1: [item x]: the number must be 1 to 3");
	expect_one("[person 3]\n",
	    "t.ini:1: [person 3]: the person number must be 1 to 2");
	expect_one("\n[item 2]\n\n[item 2]\n",
	    "t.ini:4: duplicate [item 2] (first at line 2)");
	expect_one("[person 1]\n[person 1]\n",
	    "t.ini:2: duplicate person number 1 (first at line 1)");
	expect_one("[one x]\n", "t.ini:1: [one] takes no name");
	expect_one("[one]\n[item 1]\n[one]\n",
	    "t.ini:3: [one] repeated (first at line 1)");
	expect_one("[named]\n", "t.ini:1: [named] needs a name");
	/* The keys of a section in error are not read, nor reported. */
	expect_one("[item 9]\nu8 = 300\nbogus = 1\n",
	    "t.ini:1: [item 9]: the number must be 1 to 3");
	expect_one("[named]\nu8 = 1\n", "t.ini:1: [named] needs a name");
}
END_TEST

START_TEST(test_unknown_and_repeated)
{
	expect_one("[one]\nzz = 1\n", "t.ini:2: unknown key 'zz' in [one]");
	expect_one("[nope]\nu8 = 1\n",
	    "t.ini:1: unknown section [nope] (known: one, item N, person N, "
	    "named NAME)");
	expect_one("u8 = 1\n[one]\n", "t.ini:1: u8: a key before any section");
	expect_one("[one]\nu8 = 1\n\nu8 = 2\n",
	    "t.ini:4: u8 given twice (first at line 2)");
	/* The first value stays. */
	ck_assert_uint_eq(root.one.u8, 1);
	/* Every problem is reported, each at its line. */
	ck_assert_uint_eq(load("[one]\nzz = 1\nu8 = x\n[nope]\n[item 5]\n"), 4);
	ck_assert_uint_eq(diag.n, 4);
	ck_assert_str_eq(diag.msgs[0], "t.ini:2: unknown key 'zz' in [one]");
	ck_assert_str_eq(
	    diag.msgs[1], "t.ini:3: u8 = x: expected an integer from 0 to 255");
	ck_assert_ptr_nonnull(
	    strstr(diag.msgs[2], "t.ini:4: unknown section [nope]"));
	ck_assert_str_eq(
	    diag.msgs[3], "t.ini:5: [item 5]: the number must be 1 to 3");
}
END_TEST

START_TEST(test_syntax)
{
	static const char nul_text[] = "[one]\nu8 = 4\0junk\nu16 = 11\n";
	char		  long_line[260];

	expect_one("[one\n", "t.ini:1: section header without ']'");
	expect_one("[one ; x]\n", "t.ini:1: section header without ']'");
	expect_one(
	    "[one] junk\n", "t.ini:1: text after the section header: junk");
	expect_one("[one]\njust words\n",
	    "t.ini:2: expected 'key = value', a [section] or a comment");
	expect_one("[one]\nu8 ; = 1\n",
	    "t.ini:2: expected 'key = value', a [section] or a comment");
	expect_one("[one]\n= 1\n", "t.ini:2: a value without a key name");
	memset(long_line, 0, sizeof(long_line));
	snprintf(long_line, sizeof(long_line), "[one]\nstr = %0197d\n", 1);
	expect_one(long_line, "t.ini:2: line too long (at most 198 bytes)");
	/* 198 bytes are a line; its value is then checked. */
	snprintf(long_line, sizeof(long_line), "[one]\nstr = %0192d\n", 1);
	expect_one(long_line,
	    "t.ini:2: str = "
	    "000000000000000000000000000000000000000000000000"
	    "000000000000000000000000000000000000000000000000"
	    "000000000000000000000000000000000000000000000000"
	    "000000000000000000000000000000000000000000000001"
	    ": expected at most 8 printable bytes");
	/* Comments, inline comments, ':' and blanks. */
	expect_clean("\xef\xbb\xbf; a comment\r\n"
		     "# another\r\n"
		     "  [ one ]  ; the section\r\n"
		     "\tu8: 5 ;five\r\n"
		     "    e = red\r\n"
		     "str = a;b\r\n");
	ck_assert_uint_eq(root.one.u8, 5);
	ck_assert_uint_eq(root.one.e, 1); /* no continuation of u8 */
	ck_assert_str_eq(root.one.str, "a;b");
	expect_value("nn =;x",
	    "nn = ;x: expected a number up to 255 or one "
	    "of: red, green");
	expect_value("nn = ;x",
	    "nn = : expected a number up to 255 or one "
	    "of: red, green");
	/* A NUL ends a line's text; the next line is still read. */
	ck_assert_uint_eq(ini_load("t.ini", nul_text, sizeof(nul_text) - 1,
			      test_sections, &root, NULL, 0, &diag, NULL),
	    0);
	ck_assert_uint_eq(root.one.u8, 4);
	ck_assert_uint_eq(root.one.u16, 11);
	/* No final newline. */
	expect_clean("[one]\nu8 = 6");
	ck_assert_uint_eq(root.one.u8, 6);
	expect_clean("");
}
END_TEST

START_TEST(test_callbacks_and_lines)
{
	expect_clean("\n[item 2]\n\nu8 = 1\n[one]\n[item 3]\nu16 = 10\n");
	ck_assert_uint_eq(root.ends, 3);
	ck_assert_uint_eq(root.end_line[0], 4); /* [item 2]'s u8 */
	ck_assert_uint_eq(root.end_line[1], 0); /* not given in [one] */
	ck_assert_uint_eq(root.end_line[2], 0);
	ck_assert_uint_eq(root.checks, 1);
	ck_assert_uint_eq(root.one_header, 5);
	ck_assert_uint_eq(root.item2_header, 2);
	/* A check's message at the line it names, after the reading. */
	ck_assert_uint_eq(load("[one]\nu8 = 99\nzz = 1\n"), 2);
	ck_assert_str_eq(diag.msgs[0], "t.ini:3: unknown key 'zz' in [one]");
	ck_assert_str_eq(diag.msgs[1], "t.ini:1: u8 may not be 99");
	/* Checks run on a file without the section too. */
	expect_clean("[item 1]\n");
	ck_assert_uint_eq(root.checks, 1);
	ck_assert_uint_eq(root.one_header, 0);
}
END_TEST

START_TEST(test_value_helpers)
{
	char	    host[INI_HOST_MAX], tok[4];
	const char *why, *s;
	uint16_t    port;
	uint8_t	    family, addr[16];
	uint64_t    n;

	ck_assert_int_eq(ini_endpoint_parse("127.0.0.1:6230", host,
			     sizeof(host), &port, 623, &why),
	    0);
	ck_assert_str_eq(host, "127.0.0.1");
	ck_assert_uint_eq(port, 6230);
	ck_assert_int_eq(
	    ini_endpoint_parse("[::1]", host, sizeof(host), &port, 623, &why),
	    0);
	ck_assert_str_eq(host, "::1");
	ck_assert_uint_eq(port, 623);
	ck_assert_int_eq(
	    ini_endpoint_parse("::1:623", host, sizeof(host), &port, 623, &why),
	    -1);
	ck_assert_str_eq(why, "an IPv6 address needs brackets: [ADDRESS]:PORT");
	ck_assert_int_eq(ini_endpoint_parse("10.0.0.1:65536", host,
			     sizeof(host), &port, 623, &why),
	    -1);
	ck_assert_str_eq(why, "the port must be a number from 0 to 65535");
	ck_assert_int_eq(
	    ini_endpoint_parse("[::1", host, sizeof(host), &port, 623, &why),
	    -1);
	ck_assert_str_eq(why, "no ']' after the IPv6 address");
	ck_assert_int_eq(ini_addr_parse("::ffff:10.1.2.3", &family, addr), 0);
	ck_assert_uint_eq(family, 6);
	ck_assert_mem_eq(addr + 10, "\xff\xff\x0a\x01\x02\x03", 6);
	ck_assert_int_eq(ini_addr_parse("1::2::3", &family, addr), -1);
	ck_assert_int_eq(ini_number_parse("0X1F", &n), 0);
	ck_assert_uint_eq(n, 31);
	ck_assert_int_eq(ini_number_parse("", &n), -1);
	s = " 1,22\t333 4444";
	ck_assert_int_eq(ini_list_next(&s, tok, sizeof(tok)), 1);
	ck_assert_str_eq(tok, "1");
	ck_assert_int_eq(ini_list_next(&s, tok, sizeof(tok)), 1);
	ck_assert_str_eq(tok, "22");
	ck_assert_int_eq(ini_list_next(&s, tok, sizeof(tok)), 1);
	ck_assert_str_eq(tok, "333");
	ck_assert_int_eq(ini_list_next(&s, tok, sizeof(tok)), -1);
}
END_TEST

struct pair_log {
	char	 text[512];
	unsigned lines[16];
	unsigned n;
};

static void
pair_cb(void *arg, const char *section, const char *key, const char *value,
    unsigned line)
{
	struct pair_log *l = arg;
	size_t		 len = strlen(l->text);

	snprintf(l->text + len, sizeof(l->text) - len, "[%s]%s=%s|", section,
	    key, value);
	if (l->n < 16)
		l->lines[l->n++] = line;
}

START_TEST(test_read_pairs)
{
	static const char text[] = "# state\n"
				   "top = 1\n"
				   "[user 6]\n"
				   "name = 6576 ;c\n"
				   "not a pair\n"
				   "[ spaced ] trailing\n"
				   "k: v\n"
				   "[broken\n"
				   "x = y\n";
	struct pair_log	  l;

	memset(&l, 0, sizeof(l));
	/* The first bad line; the others are still read. */
	ck_assert_uint_eq(ini_read_pairs(text, strlen(text), pair_cb, &l), 5);
	ck_assert_str_eq(l.text,
	    "[]top=1|[user 6]name=6576|[ spaced ]k=v|"
	    "[ spaced ]x=y|");
	ck_assert_uint_eq(l.n, 4);
	ck_assert_uint_eq(l.lines[0], 2);
	ck_assert_uint_eq(l.lines[1], 4);
	ck_assert_uint_eq(l.lines[2], 7);
	ck_assert_uint_eq(l.lines[3], 9);
	memset(&l, 0, sizeof(l));
	ck_assert_uint_eq(ini_read_pairs("[a]\nk = v", 9, pair_cb, &l), 0);
	ck_assert_str_eq(l.text, "[a]k=v|");
}
END_TEST

/* The sections of bmcsim.ini(5), as the registry lists them. */
START_TEST(test_registry)
{
	static const char want[] =
	    "t.ini:1: unknown section [x] (known: identity, user N, channel, "
	    "chassis, lab, quirks, fault NAME, oem N, sensor N, sel, "
	    "sel_event N, fru N, lan, pef, pef_filter N, pef_policy N, "
	    "alert_destination N, system, bmc NAME, fleet NAME)";
	struct model			*m = calloc(1, sizeof(*m));
	struct instance_conf_list	 list = {NULL, 0, 0};
	struct instance_conf_file	 file = {&list, 0, 1};
	const struct ini_section *const *s;
	size_t				 n;

	ck_assert_ptr_nonnull(m);
	model_defaults(m);
	config_diag_clear(&diag);
	ck_assert_uint_eq(ini_load("t.ini", "[x]\n", 4, conf_sections, m, &file,
			      0, &diag, NULL),
	    1);
	ck_assert_str_eq(diag.msgs[0], want);
	/* Every table fits the engine's 64 key lines. */
	for (s = conf_sections; *s != NULL; s++) {
		for (n = 0; (*s)->keys[n].name != NULL; n++)
			;
		ck_assert_msg(n <= 64, "[%s] has %zu keys", (*s)->name, n);
	}
	/* A file in memory names no other file. */
	config_diag_clear(&diag);
	ck_assert_uint_eq(
	    ini_load("t.ini", "[fru 1]\nfile = x.bin\n", 21, conf_sections, m,
		&file, INI_NO_FILES, &diag, NULL),
	    1);
	ck_assert_str_eq(diag.msgs[0],
	    "t.ini:2: file = x.bin: no file is read from this text");
	free(list.v);
	free(m);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("ini");
	TCase	*tc = tcase_create("ini");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_types_good);
	tcase_add_test(tc, test_types_bad);
	tcase_add_test(tc, test_arguments);
	tcase_add_test(tc, test_unknown_and_repeated);
	tcase_add_test(tc, test_syntax);
	tcase_add_test(tc, test_callbacks_and_lines);
	tcase_add_test(tc, test_value_helpers);
	tcase_add_test(tc, test_read_pairs);
	tcase_add_test(tc, test_registry);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	config_diag_clear(&diag);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

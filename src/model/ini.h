/*
 * The INI engine of the configuration (bmcsim.ini(5)) and of the saved
 * state: a reader that numbers lines, typed key tables and section
 * descriptors, with every problem reported at file:line.
 *
 * A file is read against a list of sections (struct ini_section).  Each
 * area declares its sections in its own <area>_conf.c: the keys, the
 * argument a header takes ("[sensor 3]", "[bmc NAME]"), what a section
 * starts with (begin_cb returns the object its keys are written into),
 * what is checked when it ends, and what is checked once the whole file
 * is read.  The engine finds the section and the key, refuses unknown
 * and repeated ones, and calls the key's type to parse and store the
 * value; loading goes on after a problem to report the next one.
 *
 * Syntax: inih's, as inih itself splits the lines (ini_lines.h, the one
 * includer of <ini.h>): "key = value" or "key: value", ';' or '#'
 * comments at the start of a line, " ;" inline comments, at most
 * INI_LINE_MAX - 2 bytes a line, an optional UTF-8 BOM; quotes that keep
 * blanks are the engine's.  Indented lines are not continuations.
 */
#ifndef BMCSIM_INI_H
#define BMCSIM_INI_H

#include <stddef.h>
#include <stdint.h>

struct config_diag;
struct ini_file;
struct ini_key;

#define INI_LINE_MAX  200 /* inih's INI_MAX_LINE, which files were held to */
#define INI_VALUE_MAX 256

/*
 * Parses and stores one value into target + k->off: 0, or -1 after
 * saying why (ini_bad_value()).
 */
typedef int ini_key_fn(
    struct ini_file *, const struct ini_key *, const char *value, void *target);

/* A name of an enumeration and the byte it stands for. */
struct ini_name {
	const char *name;
	uint8_t	    value;
};

struct ini_key {
	const char	      *name;
	ini_key_fn	      *parse;
	size_t		       off;  /* in the section's target */
	uint8_t		       size; /* integers: 1, 2, 4, 8; strings: max */
	uint64_t	       min, max;
	uint32_t	       scale; /* stored = value * scale (s to ms) */
	const struct ini_name *names;
	uint8_t		       secret; /* never echoed; wiped */
};

enum ini_arg {
	INI_ARG_NONE,	/* [lan]: once a file */
	INI_ARG_NUMBER, /* [sensor N]: once per N, N in arg_min..arg_max */
	INI_ARG_NAME	/* [bmc NAME]: begin_cb checks the name */
};

struct ini_section {
	const char  *name;
	enum ini_arg arg;
	unsigned     arg_min, arg_max;
	/* Messages: "the user number must be..."; NULL: "number". */
	const char	     *arg_noun;
	const struct ini_key *keys; /* ends with a NULL name */
	/* Zeroed memory the section keeps for a file (ini_state()). */
	size_t state_size;
	/*
	 * The object the keys are written into, or NULL after saying why
	 * (the section's keys are then skipped).  n: the number of
	 * INI_ARG_NUMBER; arg: the text after the name ("" for none).
	 */
	void *(*begin_cb)(
	    struct ini_file *, void *root, unsigned n, const char *arg);
	/* The section ended: defaults that depend on what was given. */
	void (*end_cb)(struct ini_file *, void *root, void *target);
	/* The whole file was read. */
	void (*check_cb)(struct ini_file *, void *root);
};

/* Text held in memory: keys naming other files are refused (fuzzing). */
#define INI_NO_FILES 0x1

/*
 * Reads text (len bytes; NUL bytes end a line's text) named path in the
 * messages against sections (NULL-terminated), writing into root.  user
 * is the caller's own (ini_user()); flags: INI_NO_FILES or 0.  Every
 * problem goes to diag.  Returns the number of problems (0: the file is
 * good); *nomem is set when memory ran out.
 */
unsigned ini_load(const char *path, const char *text, size_t len,
    const struct ini_section *const *sections, void *root, void *user,
    unsigned flags, struct config_diag *diag, int *nomem);

/* For the callbacks. */
unsigned ini_line(const struct ini_file *); /* being read */
void	*ini_user(const struct ini_file *);
void	 ini_nomem(struct ini_file *);
/*
 * A file a key names (model =, file =), relative to the directory of the
 * file being read: 0 and *out (free() it), or -1 after saying why
 * (INI_NO_FILES, or no memory).
 */
int ini_path_resolve(
    struct ini_file *, const struct ini_key *, const char *, char **out);
/* Line of the current section's header, and of its key name (0: not given). */
unsigned ini_section_line(const struct ini_file *);
unsigned ini_key_line(const struct ini_file *, const char *key);
/* Line of [sec n] in this file (n 0 for INI_ARG_NONE); 0: none. */
unsigned ini_header_line(
    const struct ini_file *, const struct ini_section *, unsigned n);
/* The state_size bytes of sec for this file. */
void *ini_state(const struct ini_file *, const struct ini_section *);

void ini_error(struct ini_file *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void ini_error_at(struct ini_file *, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* "key = value: fmt..."; a secret key's value is not echoed. */
void ini_bad_value(struct ini_file *, const struct ini_key *, const char *value,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * Key types.  uint: k->min..k->max, k->size bytes, times k->scale; sint:
 * (int64_t)k->min..(int64_t)k->max, 1 or 2 bytes; bool: yes/no, true/
 * false, on/off, 1/0 into a byte; enumeration: a name of k->names into a
 * byte; name_or_number: that, or a number up to k->max; string: up to
 * k->size printable bytes, NUL-terminated; double: finite; ipv4: 4
 * bytes; mac: 6 bytes; guid: 16 bytes in wire order followed by a "given"
 * byte set to 1.
 */
ini_key_fn ini_type_uint, ini_type_sint, ini_type_bool, ini_type_enum,
    ini_type_name_or_number, ini_type_string, ini_type_double, ini_type_ipv4,
    ini_type_mac, ini_type_guid;

/* Value helpers for keys of their own. */
/* Decimal, or hexadecimal after "0x"; nothing else.  0 or -1. */
int ini_number_parse(const char *, uint64_t *);
/* 0 and *out, or -1. */
int ini_name_lookup(const struct ini_name *, const char *, uint8_t *out);
/* "a, b, c" for messages. */
void ini_names_list(const struct ini_name *, char *out, size_t cap);
/*
 * The next item of a list separated by blanks or commas: 1 and the item
 * in tok, 0 at the end, -1 if an item is longer than cap - 1.
 */
int ini_list_next(const char **, char *tok, size_t cap);
/* Dotted quad without leading zeros.  0 or -1. */
int ini_ipv4_parse(const char *, uint8_t out[4]);
/* RFC 4122 text into wire order (reversed).  0 or -1. */
int ini_guid_parse(const char *, uint8_t wire[16]);
/* RFC 4291 §2.2 text forms, without zone.  0 or -1. */
int ini_ipv6_parse(const char *, uint8_t out[16]);
/* Family 4 or 6 and the address (IPv4 in the first 4 bytes).  0 or -1. */
int ini_addr_parse(const char *, uint8_t *family, uint8_t addr[16]);
/*
 * "HOST:PORT", "[V6]:PORT", or the host alone (default_port): numeric
 * addresses only.  0 with host (at most INI_HOST_MAX - 1 bytes) and port,
 * or -1 with *why.
 */
#define INI_HOST_MAX 64
int ini_endpoint_parse(const char *, char *host, size_t hostlen, uint16_t *port,
    uint16_t default_port, const char **why);
/* No control characters.  1 or 0. */
int ini_printable(const char *);

/*
 * The plain reader the saved state uses (inih through ini_lines.h): calls
 * pair_cb(arg, section, key, value, line) for every key, the section as
 * written between '[' and ']'.  Returns 0, or the line of the first line
 * that is neither a pair, a header nor a comment, or is longer than
 * INI_LINE_MAX - 2 bytes (reading goes on).
 */
typedef void ini_pair_fn(void *, const char *section, const char *key,
    const char *value, unsigned line);
unsigned ini_read_pairs(const char *text, size_t len, ini_pair_fn *, void *);

#endif

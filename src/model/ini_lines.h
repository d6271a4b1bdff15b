/*
 * The line reader under the INI engine (ini.h): inih splits each line of
 * a text held in memory, and the engine is called back with what it
 * found and the number of the line.  This is the one file that includes
 * inih's <ini.h>; it is built without -I src/model, where the engine's
 * own ini.h would hide it.
 *
 * Each line is given to inih on its own (ini_parse_stream() over one
 * line), so that every bad line is reported at its number (inih returns
 * only the first bad line of a run) and no indented line is taken for a
 * continuation of the key above it.  Sections are followed here: a header
 * inih accepts becomes the section of the keys that follow it.
 */
#ifndef BMCSIM_INI_LINES_H
#define BMCSIM_INI_LINES_H

#include <stddef.h>

/* inih's INI_MAX_LINE: a line, without its end, is at most 198 bytes. */
#define INI_LINES_MAX 200

enum ini_lines_kind {
	/* key = value: key and value as inih split them. */
	INI_LINES_PAIR,
	/*
	 * [section]: section is the text between '[' and ']'; value the
	 * text after ']' (a comment, or what inih ignores), blanks
	 * stripped; key NULL.
	 */
	INI_LINES_SECTION,
	/* A '[' line inih refused: no ']' before the end or a " ;". */
	INI_LINES_BAD_SECTION,
	/* Another line inih refused: neither a header nor key = value. */
	INI_LINES_BAD,
	/* Longer than INI_LINES_MAX - 2 bytes: not given to inih. */
	INI_LINES_LONG
};

/*
 * Called for every line that is not blank or a comment.  line counts
 * from 1; section is that of the last good header ("" before one), as
 * written; key and value are NULL where not said above.  The strings
 * live until the callback returns.
 */
typedef void ini_lines_fn(void *arg, enum ini_lines_kind, unsigned line,
    const char *section, const char *key, const char *value);

/*
 * Reads len bytes of text: lines end at '\n' (a '\r' before it is
 * dropped); a NUL ends a line's text; a UTF-8 BOM may open the first
 * line; leading blanks are dropped.  Every copy of a line is wiped after
 * use (a line may hold a password).  Returns 0, or -1 if inih ran out of
 * memory (the lines after are not read).
 */
int ini_lines_read(const char *text, size_t len, ini_lines_fn *, void *arg);

#endif

/*
 * The packets inside a client's debug output, for bmcsim decode -f: what a
 * student already has on screen, read as it is.
 *
 *   ipmitool -vvvv	">> sending packet (N bytes)" and "<< received
 *			packet (N bytes)", each followed by the wire bytes
 *			in hex lines; every other dump (HMAC inputs, keys)
 *			is skipped.
 *   FreeIPMI --debug	one block per packet between "=====" lines, with
 *			every field as "[ value ] = name[width]" in wire
 *			order (fiid templates: bit fields packed from the
 *			least significant bit, integers little-endian), the
 *			byte arrays on the lines after.  The packet is
 *			rebuilt from the fields.  FreeIPMI prints an
 *			encrypted payload already decrypted, so such a
 *			packet is rebuilt unencrypted, without its
 *			confidentiality header, pad and integrity trailer
 *			(the record says so: rebuilt = 2).
 *
 * Order and direction are kept: "sending"/"Request" is console -> BMC,
 * "received"/"Response" is BMC -> console.  An optional "host: " prefix
 * on every line (FreeIPMI with several hosts) is removed.
 */
#ifndef BMCSIM_TEXTTRACE_H
#define BMCSIM_TEXTTRACE_H

#include <stddef.h>
#include <stdint.h>

#include "hexin.h"

enum texttrace_kind {
	TEXTTRACE_NONE,
	TEXTTRACE_IPMITOOL,
	TEXTTRACE_FREEIPMI,
};

struct texttrace {
	const char	   *text;
	size_t		    len;
	size_t		    off;
	unsigned	    line; /* of the last line read, from 1 */
	enum texttrace_kind kind;
	char		    name[HEXIN_NAME_MAX];    /* the packet announced */
	char		    pending[HEXIN_LINE_MAX]; /* a line read ahead */
	int		    have_pending;
};

struct texttrace_record {
	enum hexin_dir dir;
	char	       name[HEXIN_NAME_MAX];
	unsigned       line; /* where the packet starts */
	size_t	       len;
	int	       rebuilt; /* 1: from fields, 2: and decrypted */
};

/* Which client wrote the text, TEXTTRACE_NONE when neither. */
enum texttrace_kind texttrace_sniff(const char *, size_t);

void
texttrace_init(struct texttrace *, const char *, size_t, enum texttrace_kind);

/*
 * Reads the next packet into buf.  Returns 1 with a packet, 0 at the end
 * of the text, ERR_FORMAT for a packet that cannot be read (t->line says
 * where), ERR_NOSPACE when a packet exceeds cap.
 */
int texttrace_next(
    struct texttrace *, uint8_t *buf, size_t cap, struct texttrace_record *);

#endif

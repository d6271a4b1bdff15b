/*
 * What a BMC sends on its own initiative, beside the reply to a request:
 * today the bridged response of a tracked Send Message (IPMI 2.0 §6.12.2),
 * later SOL data and PET traps.  The model puts entries in; the layer
 * above (the server, then the node) takes them out after the reply and
 * turns each into a datagram.
 *
 * Fixed capacity, no allocation: a struct model_outbox is a plain value
 * that its owner embeds or keeps on the stack.  Its fields are private to
 * outbox.c.  When it is full a put is refused and counted; what is
 * already queued is never overwritten (the oldest message matters as
 * much as the newest, and the caller can answer "busy").
 */
#ifndef BMCSIM_OUTBOX_H
#define BMCSIM_OUTBOX_H

#include <stddef.h>
#include <stdint.h>

#include "ipmimsg.h"

enum model_out_kind {
	/*
	 * A whole IPMI LAN message (header, data, both checksums) to send
	 * in the requester's session, after the reply.
	 */
	MODEL_OUT_SESSION_MESSAGE = 1,
	/* A PET (an SNMPv1 trap, pef.c) to dest, from the BMC's endpoint. */
	MODEL_OUT_PET_TRAP = 2,
	/* To come: SOL data for a session. */
};

/* Where an entry goes when not to the requester (PET traps, later). */
struct model_out_dest {
	uint8_t	 family; /* 4 or 6; 0: the requester */
	uint8_t	 addr[16];
	uint16_t port;
};

/* The largest entry: a whole IPMI response message. */
#define MODEL_OUT_DATA_MAX (IPMIMSG_RSP_HEADER_LEN + IPMIMSG_DATA_MAX)
#define MODEL_OUTBOX_MAX   4 /* entries */

struct model_out {
	enum model_out_kind   kind;
	struct model_out_dest dest;
	size_t		      len;
	uint8_t		      data[MODEL_OUT_DATA_MAX];
};

struct model_outbox {
	struct model_out entries[MODEL_OUTBOX_MAX];
	unsigned	 head; /* the oldest entry */
	unsigned	 count;
	uint64_t	 dropped; /* puts refused since outbox_init() */
};

/* Empties the outbox and its drop counter. */
void outbox_init(struct model_outbox *);

/*
 * Queues len bytes of data as an entry of this kind for dest (NULL: the
 * requester).  0, or ERR_NOSPACE when the outbox is full or len exceeds
 * MODEL_OUT_DATA_MAX: nothing is queued, the drop counter counts it.
 */
int outbox_put(struct model_outbox *, enum model_out_kind,
    const struct model_out_dest *dest, const uint8_t *data, size_t len);

/* Moves the oldest entry to *out: 0, or ERR_NOT_FOUND when empty. */
int outbox_take(struct model_outbox *, struct model_out *out);

/* Entries queued, and room left. */
unsigned outbox_count(const struct model_outbox *);
unsigned outbox_room(const struct model_outbox *);
/* Puts refused since outbox_init(). */
uint64_t outbox_dropped(const struct model_outbox *);

#endif

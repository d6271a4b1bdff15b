/*
 * The SOL payload (type 1, IPMI 2.0 §15.9) in an RMCP+ session.  The
 * session checks (flags as negotiated, integrity, decryption, the
 * sequence window, the idle timer) have run before a packet gets here, so
 * a SOL packet keeps a session alive as any request does (R8).  What the
 * console's packet means is the model's business (ops->sol_cb); the
 * responder only wraps what comes back, under the one outbound sequence
 * counter the session shares between IPMI and SOL, protected exactly as
 * the session negotiated (encrypted and authenticated on suites 3 and 17).
 */
#include <string.h>

#include "ct.h"
#include "err.h"
#include "responder.h"
#include "responder_impl.h"
#include "rmcpp.h"
#include "session_table.h"

/* The largest SOL payload: a 4-byte header and 255 characters. */
#define SOL_PAYLOAD_MAX (4 + 255)

int
responder_sol_inside(
    struct exchange *x, struct session *s, const uint8_t *p, size_t len)
{
	struct responder *r = x->r;
	uint8_t		  reply[SOL_PAYLOAD_MAX];
	size_t		  n;
	int		  rc;

	r->stats.sol_in++;
	if (r->ops.sol_cb == NULL)
		return responder_drop(x, RESPONDER_DROP_PAYLOAD);
	n = r->ops.sol_cb(
	    r->ops_arg, x->now, s->bmc_sid, p, len, reply, sizeof(reply));
	if (n == 0 || n > sizeof(reply)) {
		/* Consumed, nothing to answer (an ACK): no drop counted. */
		*x->outlen = 0;
		if (x->drop != NULL)
			*x->drop = RESPONDER_DROP_COUNT;
		return 0;
	}
	rc = responder_send_in_session(x, s, RMCPP_PT_SOL, reply, n);
	ct_wipe(reply, n);
	if (rc != 0)
		return responder_drop(x, RESPONDER_DROP_INTERNAL);
	r->stats.sol_out++;
	return 1;
}

int
responder_send_payload(struct responder *r, uint32_t bmc_sid,
    uint8_t payload_type, const uint8_t *p, size_t len)
{
	struct session *s = session_table_find(r->table, bmc_sid);

	if (s == NULL || s->state != SESSION_ACTIVE || s->ipmi15)
		return ERR_NOT_FOUND;
	if (payload_type == RMCPP_PT_SOL)
		r->stats.sol_out++;
	return responder_queue(r, s, NULL, payload_type, p, len);
}

/*
 * The Serial over LAN console of one BMC (IPMI 2.0 §15, §24): the payload
 * instance (one: instance 1), who owns it, and the character stream both
 * ways, sans I/O.  The console side is SOL packets (codec/solpkt.h) in and
 * out; the host side is a byte stream, written by the host
 * (sol_console_host_write()) and read by it (sol_console_host_read()),
 * or, for the simulated host (sol_host.c), inside the model.
 *
 * The rules are those of shared/reference/sol.md (R1-R24): sequence
 * numbers 1..15, one packet in flight, a resend is byte-identical and
 * takes the next session sequence number, the SOL parameters' accumulate
 * interval, send threshold, retry count and interval, a console packet is
 * always taken whole and ACKed at once, duplicates are re-ACKed and not
 * delivered twice, a deactivation tells the old owner with one packet.
 *
 * Nothing is allocated until a console is first activated (or a host
 * backend writes): an idle BMC of a large fleet costs one NULL pointer.
 */
#ifndef BMCSIM_SOL_CONSOLE_H
#define BMCSIM_SOL_CONSOLE_H

#include <stddef.h>
#include <stdint.h>

struct bmc;

/* Inbound and outbound payload sizes we report, header included. */
#define SOL_CONSOLE_PAYLOAD_SIZE 255
/* Characters per packet toward the console: 255 - 4 (R10). */
#define SOL_CONSOLE_CHARS_MAX (SOL_CONSOLE_PAYLOAD_SIZE - 4)
/* Host output kept for a console that is not keeping up. */
#define SOL_CONSOLE_OUTBUF 8192
/* Console input waiting for the host. */
#define SOL_CONSOLE_INBUF 4096

/* ---- console side (the node) ---- */

/*
 * A SOL payload from the console of session sid (the BMC's session ID),
 * at now_ms.  Writes the packet to answer with (an ACK) into out (cap at
 * least SOLPKT_HEADER_LEN + 255) and returns its length, or 0 when
 * nothing is answered: not the owner's, an ACK-only packet, malformed.
 */
size_t sol_console_input(struct bmc *, uint64_t now_ms, uint32_t sid,
    const uint8_t *p, size_t len, uint8_t *out, size_t cap);

/*
 * The next packet the BMC sends on its own initiative at now_ms (new
 * data, a retransmission, a deactivation notice): its length, with the
 * session to send it in at *sid; 0 when there is none now.  Called until
 * it returns 0 after every input and every tick.
 */
size_t sol_console_take(
    struct bmc *, uint64_t now_ms, uint32_t *sid, uint8_t *out, size_t cap);

/* The session owning instance 1, 0 when inactive. */
uint32_t sol_console_owner(const struct bmc *);
/* A session closed or timed out: its instance is freed, no notice. */
void sol_console_session_gone(struct bmc *, uint32_t sid);

/* ---- host side ---- */

/*
 * Host output: returns how many bytes were taken.  With no console
 * attached every byte is taken (kept only in the history), so the host
 * never blocks; with one attached, what does not fit the output buffer is
 * left to the caller (a backend stops reading its host for a while).
 */
size_t
sol_console_host_write(struct bmc *, uint64_t now_ms, const uint8_t *, size_t);
/* Console input for the host: up to cap bytes, returns the count. */
size_t sol_console_host_read(struct bmc *, uint8_t *out, size_t cap);
/* Breaks the console sent since the last call (R20). */
unsigned sol_console_host_breaks(struct bmc *);
/*
 * The last bytes of host output (up to the history size), oldest first:
 * copies up to cap, returns the count.  0 when no console was ever used.
 */
size_t sol_console_history(const struct bmc *, uint8_t *out, size_t cap);

/* ---- inside the model (payload.c, sol.c, chassis hooks) ---- */

/*
 * Activates instance 1 for session sid of user_id: per-activation state
 * reset (R4).  0 or ERR_NOMEM.
 */
int sol_console_activate(
    struct bmc *, uint64_t now_ms, uint32_t sid, uint8_t user_id);
/*
 * Deactivates instance 1.  notice: send the old owner the 10h packet
 * (deactivated by another session, or by the BMC).  0, or ERR_NOT_FOUND
 * when it was not active.
 */
int sol_console_deactivate(struct bmc *, int notice);
/* The user owning the instance (0 when inactive). */
uint8_t sol_console_owner_user(const struct bmc *);
/* The host powered on or reset (boot device as in boot flags), or off. */
void sol_console_host_boot(struct bmc *, uint64_t now_ms, uint8_t bootdev);
void sol_console_host_off(struct bmc *, uint64_t now_ms);
/* Timers: retransmission, accumulation, the simulated host's script. */
uint64_t sol_console_deadline(const struct bmc *);
void	 sol_console_tick(struct bmc *, uint64_t now_ms);
/* Frees the console (bmc_free). */
void sol_console_free(struct bmc *);

/* The SOL configuration parameters in force (sol.c, IPMI 2.0 §26.2). */
struct sol_params {
	uint8_t enable;		/* #1 */
	uint8_t auth;		/* #2: [7] force enc, [6] force auth, [3:0] */
	uint8_t accumulate_5ms; /* #3 */
	uint8_t send_threshold;
	uint8_t retry_count; /* #4 */
	uint8_t retry_10ms;
};
void sol_params_get(const struct bmc *, struct sol_params *);
/* The SOL bit of a user's payload access (Set/Get User Payload Access). */
int  sol_user_access(const struct bmc *, uint8_t user_id);
void sol_user_access_set(struct bmc *, uint8_t user_id, int on);

#endif

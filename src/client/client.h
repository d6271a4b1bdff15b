/*
 * What every bmcsim subcommand that talks to a BMC shares: the options
 * that mirror ipmitool's (-H -p -U -P -E -k -y -C -L -I -A -N -R), and a
 * session driver that runs the initiator over the transport, deciding
 * when to retransmit (the first timeout, then one more each try, like
 * ipmitool and xCAT).
 */
#ifndef BMCSIM_CLIENT_H
#define BMCSIM_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "initiator.h"
#include "ipmimsg.h"

struct suitelist;
struct rng;

/* The short options client_opts_parse() understands. */
#define CLIENT_SHORT_OPTS "H:p:U:P:Ek:y:C:L:I:A:N:R:v"

struct client_opts {
	char	 host[256];
	uint16_t port;
	uint8_t	 user[16];
	uint8_t	 user_len;
	uint8_t	 password[20]; /* zero-padded */
	size_t	 password_len;
	uint8_t	 kg[20];
	uint8_t	 kg_set;
	int	 suite;	     /* -1: ask Get Channel Cipher Suites */
	uint8_t	 privilege;  /* IPMI_PRIV_* */
	uint8_t	 ipmi15;     /* -I lan */
	uint8_t	 authtype15; /* -A */
	int	 timeout_ms; /* first try; -N is in seconds */
	int	 tries;	     /* -R */
	int	 verbose;
	uint8_t	 deterministic;
	uint64_t seed;
};

enum client_dir { CLIENT_SENT, CLIENT_RECEIVED };

/* Sees every datagram sent (retransmits flagged) and received. */
typedef void client_observe_cb(
    void *, enum client_dir, const uint8_t *, size_t, int retransmit);

struct client;

/* Defaults: 127.0.0.1:623, null user, ADMINISTRATOR, 1 s, 4 tries. */
void client_opts_defaults(struct client_opts *);
/*
 * Handles one option of CLIENT_SHORT_OPTS.  Returns 1 if it was one, 0 if
 * not, -1 after printing why its argument is bad.
 */
int client_opts_parse(struct client_opts *, int opt, const char *arg);
/* Privilege names as ipmitool takes them; -1 if unknown. */
int client_priv_parse(const char *);
/* Wipes the password and K_G. */
void client_opts_wipe(struct client_opts *);

/* NULL with a reason in err. */
struct client *client_new(const struct client_opts *, char *err, size_t);
void	       client_free(struct client *);

void client_set_observer(struct client *, client_observe_cb *, void *);
/* Installed on the initiator of the next login. */
void client_set_trace(struct client *, initiator_trace_cb *, void *);

/* The last error, for the user. */
const char *client_error(const struct client *);

/*
 * A request outside any session, in the IPMI 1.5 format (auth type none,
 * session ID 0), with retransmissions.  rsp->data points into buf.
 * Returns 0, ERR_TIMEOUT, ERR_SYSTEM.
 */
int client_sessionless(struct client *, uint8_t netfn, uint8_t cmd,
    const uint8_t *data, size_t len, struct ipmi_rsp *rsp, uint8_t *buf,
    size_t cap);

/*
 * Get Channel Cipher Suites for the current channel, every list index
 * until a short response.  Returns 0, ERR_REFUSED (completion code in
 * *cc), ERR_FORMAT, ERR_TIMEOUT, ERR_SYSTEM.
 */
int client_cipher_suites(struct client *, struct suitelist *, uint8_t *cc);

/*
 * Logs in: IPMI 1.5 with the -A auth type, or RMCP+ with -C, or the best
 * suite Get Channel Cipher Suites lists (suite 3 when the BMC does not
 * answer it, as ipmitool does).  0 or ERR_*; client_error() says why.
 */
int client_login(struct client *);

/*
 * Sends a request in the session and waits for its verified response,
 * retransmitting on timeout.  Returns 0 with ev->rsp filled (whatever its
 * completion code), or ERR_TIMEOUT, ERR_SYSTEM, ERR_WRONG_STATE.
 */
int client_request(struct client *, uint8_t netfn, uint8_t cmd,
    const uint8_t *data, size_t len, struct initiator_event *ev);

/* Close Session; 0 or ERR_*.  Harmless when not logged in. */
int client_logout(struct client *);

/* After login: the suite used (-1 for IPMI 1.5) and the privileges. */
int	    client_suite(const struct client *);
uint8_t	    client_privilege(const struct client *);
uint8_t	    client_max_privilege(const struct client *);
uint32_t    client_bmc_session_id(const struct client *);
const char *client_peer(const struct client *);
/* Round-trip time of the last exchange, in nanoseconds. */
uint64_t    client_last_rtt_ns(const struct client *);
struct rng *client_rng(struct client *);

/* The suites Get Channel Cipher Suites listed at login, or NULL. */
const struct suitelist *client_listed_suites(const struct client *);

/* Sends and receives raw datagrams (ping): 0, ERR_TIMEOUT, ERR_SYSTEM. */
int client_send_raw(struct client *, const uint8_t *, size_t);
int
client_recv_raw(struct client *, uint8_t *, size_t, size_t *, int timeout_ms);

/* A message for a failed login event. */
void
client_describe_failure(const struct initiator_event *, char *buf, size_t cap);

#endif

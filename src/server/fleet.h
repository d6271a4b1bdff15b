/*
 * The registry of the BMCs a daemon runs: each under its name and the
 * endpoint its socket is bound to.  Start-up fills it, SIGHUP reload
 * changes it (a changed BMC finds the socket it may keep by endpoint),
 * and a control plane looks BMCs up in it.  Bookkeeping only: what an
 * entry points to (an instance, in bmcsimd) is made and freed by the
 * caller, so the registry is tested without sockets.
 */
#ifndef BMCSIM_FLEET_H
#define BMCSIM_FLEET_H

#include <stddef.h>
#include <stdint.h>

/* An address and port as bound: the kernel's, not the file's spelling. */
struct fleet_endpoint {
	uint8_t	 family;   /* 4 or 6 */
	uint8_t	 addr[16]; /* IPv4 in the first 4 bytes, the rest 0 */
	uint16_t port;
};

/* "[addr]:port" for IPv6, "addr:port" for IPv4, and the NUL. */
#define FLEET_ENDPOINT_TEXT_MAX 56

/*
 * Fills ep from a numeric IPv4 or IPv6 host and a port.  0, or
 * ERR_INVALID_ARG if host is neither.
 */
int fleet_endpoint_parse(
    const char *host, uint16_t port, struct fleet_endpoint *ep);

/*
 * Fills ep with the address and port a socket is bound to (getsockname:
 * the port the system chose for port 0).  0, or ERR_SYSTEM with errno set
 * (ERR_UNSUPPORTED for a socket neither IPv4 nor IPv6).
 */
int fleet_endpoint_of_fd(int fd, struct fleet_endpoint *ep);

/* Writes "addr:port" or "[addr]:port" into buf; returns buf. */
char *
fleet_endpoint_format(const struct fleet_endpoint *ep, char *buf, size_t cap);

/* 1 if a and b are the same endpoint, else 0. */
int fleet_endpoint_equal(
    const struct fleet_endpoint *a, const struct fleet_endpoint *b);

/*
 * 1 if sockets bound to a and b cannot both exist: the same port, and
 * the same address or one of them the family's any-address (an IPv6
 * any-address takes IPv4 too on a dual-stack host).
 */
int fleet_endpoint_overlap(
    const struct fleet_endpoint *a, const struct fleet_endpoint *b);

struct fleet;

/* An empty registry, or NULL if out of memory. */
struct fleet *fleet_new(void);
/* Frees the registry; the items it pointed to are the caller's. */
void fleet_free(struct fleet *);

/*
 * Registers item under name (copied) and endpoint.  0; ERR_WRONG_STATE
 * if the name or the endpoint is already registered; ERR_INVALID_ARG for
 * an empty name or a NULL item; ERR_NOMEM.
 */
int fleet_add(struct fleet *, const char *name, const struct fleet_endpoint *,
    void *item);

/* Unregisters name; returns its item, or NULL if there was none. */
void *fleet_remove(struct fleet *, const char *name);

/* The item registered under name or endpoint, or NULL. */
void *fleet_find_name(const struct fleet *, const char *name);
void *fleet_find_endpoint(const struct fleet *, const struct fleet_endpoint *);

/* The endpoint name is registered with, or NULL. */
const struct fleet_endpoint *
fleet_endpoint_of(const struct fleet *, const char *name);

size_t fleet_count(const struct fleet *);

/*
 * Visits every entry in the order added.  The entry just returned may be
 * removed before the next call; no other change is allowed meanwhile.
 */
struct fleet_iter {
	void *next; /* the registry's */
};

void fleet_iter_init(const struct fleet *, struct fleet_iter *);
/*
 * The next entry's item (NULL after the last), with its name and endpoint
 * if name or ep are not NULL.
 */
void *fleet_iter_next(
    struct fleet_iter *, const char **name, const struct fleet_endpoint **ep);

/*
 * The ready file's text: one line per BMC, in name order, "NAME
 * ENDPOINT\n" (fleet_endpoint_format()).  A malloc'd NUL-terminated
 * string with its length in *len, or NULL if out of memory.
 */
char *fleet_format_ready(const struct fleet *, size_t *len);

#endif

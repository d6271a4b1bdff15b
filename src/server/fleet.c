#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "err.h"
#include "fleet.h"
#include "fnv.h"

/*
 * Entries are chained in the order added (the iterator's order) and
 * hashed twice, by name and by endpoint: a fleet holds up to 65,536 BMCs
 * and a reload looks each one up, so neither lookup may be a scan.
 */
struct fleet_entry {
	struct fleet_entry   *prev, *next;	   /* in the order added */
	struct fleet_entry   *name_next, *ep_next; /* hash chains */
	uint32_t	      name_hash, ep_hash;
	struct fleet_endpoint ep;
	void		     *item;
	char		      name[]; /* NUL-terminated */
};

struct fleet {
	struct fleet_entry  *first, *last;
	struct fleet_entry **by_name, **by_ep; /* nbuckets chains each */
	size_t		     nbuckets;	       /* a power of two */
	size_t		     n;
};

#define FLEET_BUCKETS_MIN 64

int
fleet_endpoint_parse(const char *host, uint16_t port, struct fleet_endpoint *ep)
{
	memset(ep, 0, sizeof(*ep));
	ep->port = port;
	if (inet_pton(AF_INET, host, ep->addr) == 1) {
		ep->family = 4;
		return 0;
	}
	if (inet_pton(AF_INET6, host, ep->addr) == 1) {
		ep->family = 6;
		return 0;
	}
	return ERR_INVALID_ARG;
}

int
fleet_endpoint_of_fd(int fd, struct fleet_endpoint *ep)
{
	struct sockaddr_storage ss;
	socklen_t		len = sizeof(ss);

	memset(ep, 0, sizeof(*ep));
	if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0)
		return ERR_SYSTEM;
	if (ss.ss_family == AF_INET) {
		const struct sockaddr_in *s4 = (const struct sockaddr_in *)&ss;

		ep->family = 4;
		memcpy(ep->addr, &s4->sin_addr, 4);
		ep->port = ntohs(s4->sin_port);
		return 0;
	}
	if (ss.ss_family == AF_INET6) {
		const struct sockaddr_in6 *s6 =
		    (const struct sockaddr_in6 *)&ss;

		ep->family = 6;
		memcpy(ep->addr, &s6->sin6_addr, 16);
		ep->port = ntohs(s6->sin6_port);
		return 0;
	}
	return ERR_UNSUPPORTED;
}

char *
fleet_endpoint_format(const struct fleet_endpoint *ep, char *buf, size_t cap)
{
	char addr[INET6_ADDRSTRLEN];

	if (inet_ntop(ep->family == 6 ? AF_INET6 : AF_INET, ep->addr, addr,
		sizeof(addr)) == NULL)
		strcpy(addr, "?");
	if (ep->family == 6)
		snprintf(buf, cap, "[%s]:%u", addr, ep->port);
	else
		snprintf(buf, cap, "%s:%u", addr, ep->port);
	return buf;
}

int
fleet_endpoint_equal(
    const struct fleet_endpoint *a, const struct fleet_endpoint *b)
{
	return a->family == b->family && a->port == b->port &&
	    memcmp(a->addr, b->addr, sizeof(a->addr)) == 0;
}

static int
endpoint_is_any(const struct fleet_endpoint *ep)
{
	static const uint8_t zero[16];

	return memcmp(ep->addr, zero, ep->family == 6 ? 16 : 4) == 0;
}

int
fleet_endpoint_overlap(
    const struct fleet_endpoint *a, const struct fleet_endpoint *b)
{
	if (a->port != b->port)
		return 0;
	if (a->family == b->family)
		return endpoint_is_any(a) || endpoint_is_any(b) ||
		    memcmp(a->addr, b->addr, sizeof(a->addr)) == 0;
	/* Across families only [::] reaches the other (dual stack). */
	return (a->family == 6 && endpoint_is_any(a)) ||
	    (b->family == 6 && endpoint_is_any(b));
}

static uint32_t
hash_endpoint(const struct fleet_endpoint *ep)
{
	uint32_t h = fnv1a32(FNV1A32_INIT, &ep->family, 1);

	h = fnv1a32(h, ep->addr, sizeof(ep->addr));
	return fnv1a32(h, &ep->port, sizeof(ep->port));
}

struct fleet *
fleet_new(void)
{
	struct fleet *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return NULL;
	f->nbuckets = FLEET_BUCKETS_MIN;
	f->by_name = calloc(f->nbuckets, sizeof(*f->by_name));
	f->by_ep = calloc(f->nbuckets, sizeof(*f->by_ep));
	if (f->by_name == NULL || f->by_ep == NULL) {
		fleet_free(f);
		return NULL;
	}
	return f;
}

void
fleet_free(struct fleet *f)
{
	struct fleet_entry *e, *next;

	if (f == NULL)
		return;
	for (e = f->first; e != NULL; e = next) {
		next = e->next;
		free(e);
	}
	free(f->by_name);
	free(f->by_ep);
	free(f);
}

static struct fleet_entry *
entry_by_name(const struct fleet *f, const char *name, uint32_t h)
{
	struct fleet_entry *e;

	for (e = f->by_name[h & (f->nbuckets - 1)]; e != NULL; e = e->name_next)
		if (e->name_hash == h && strcmp(e->name, name) == 0)
			return e;
	return NULL;
}

static struct fleet_entry *
entry_by_endpoint(
    const struct fleet *f, const struct fleet_endpoint *ep, uint32_t h)
{
	struct fleet_entry *e;

	for (e = f->by_ep[h & (f->nbuckets - 1)]; e != NULL; e = e->ep_next)
		if (e->ep_hash == h && fleet_endpoint_equal(&e->ep, ep))
			return e;
	return NULL;
}

static void
chain_entry(struct fleet *f, struct fleet_entry *e)
{
	size_t bn = e->name_hash & (f->nbuckets - 1);
	size_t be = e->ep_hash & (f->nbuckets - 1);

	e->name_next = f->by_name[bn];
	f->by_name[bn] = e;
	e->ep_next = f->by_ep[be];
	f->by_ep[be] = e;
}

/* Doubles the tables once there are more entries than chains. */
static int
grow(struct fleet *f)
{
	struct fleet_entry **bn, **be, *e;
	size_t		     n = f->nbuckets * 2;

	bn = calloc(n, sizeof(*bn));
	be = calloc(n, sizeof(*be));
	if (bn == NULL || be == NULL) {
		free(bn);
		free(be);
		return ERR_NOMEM;
	}
	free(f->by_name);
	free(f->by_ep);
	f->by_name = bn;
	f->by_ep = be;
	f->nbuckets = n;
	for (e = f->first; e != NULL; e = e->next)
		chain_entry(f, e);
	return 0;
}

int
fleet_add(struct fleet *f, const char *name, const struct fleet_endpoint *ep,
    void *item)
{
	struct fleet_entry *e;
	size_t		    len = strlen(name);
	uint32_t	    hn, he;

	if (len == 0 || item == NULL)
		return ERR_INVALID_ARG;
	hn = fnv1a32(FNV1A32_INIT, name, len);
	he = hash_endpoint(ep);
	if (entry_by_name(f, name, hn) != NULL ||
	    entry_by_endpoint(f, ep, he) != NULL)
		return ERR_WRONG_STATE;
	/* A failed growth only lengthens the chains. */
	if (f->n >= f->nbuckets)
		(void)grow(f);
	e = calloc(1, sizeof(*e) + len + 1);
	if (e == NULL)
		return ERR_NOMEM;
	memcpy(e->name, name, len + 1);
	e->name_hash = hn;
	e->ep = *ep;
	e->ep_hash = he;
	e->item = item;
	e->prev = f->last;
	if (f->last != NULL)
		f->last->next = e;
	else
		f->first = e;
	f->last = e;
	chain_entry(f, e);
	f->n++;
	return 0;
}

static void
unchain(struct fleet_entry **head, struct fleet_entry *e, int by_name)
{
	struct fleet_entry **pp = head;

	while (*pp != e)
		pp = by_name ? &(*pp)->name_next : &(*pp)->ep_next;
	*pp = by_name ? e->name_next : e->ep_next;
}

void *
fleet_remove(struct fleet *f, const char *name)
{
	struct fleet_entry *e;
	void		   *item;

	e = entry_by_name(f, name, fnv1a32(FNV1A32_INIT, name, strlen(name)));
	if (e == NULL)
		return NULL;
	unchain(&f->by_name[e->name_hash & (f->nbuckets - 1)], e, 1);
	unchain(&f->by_ep[e->ep_hash & (f->nbuckets - 1)], e, 0);
	if (e->prev != NULL)
		e->prev->next = e->next;
	else
		f->first = e->next;
	if (e->next != NULL)
		e->next->prev = e->prev;
	else
		f->last = e->prev;
	f->n--;
	item = e->item;
	free(e);
	return item;
}

void *
fleet_find_name(const struct fleet *f, const char *name)
{
	struct fleet_entry *e;

	e = entry_by_name(f, name, fnv1a32(FNV1A32_INIT, name, strlen(name)));
	return e != NULL ? e->item : NULL;
}

void *
fleet_find_endpoint(const struct fleet *f, const struct fleet_endpoint *ep)
{
	struct fleet_entry *e = entry_by_endpoint(f, ep, hash_endpoint(ep));

	return e != NULL ? e->item : NULL;
}

const struct fleet_endpoint *
fleet_endpoint_of(const struct fleet *f, const char *name)
{
	struct fleet_entry *e;

	e = entry_by_name(f, name, fnv1a32(FNV1A32_INIT, name, strlen(name)));
	return e != NULL ? &e->ep : NULL;
}

size_t
fleet_count(const struct fleet *f)
{
	return f->n;
}

void
fleet_iter_init(const struct fleet *f, struct fleet_iter *it)
{
	it->next = f->first;
}

void *
fleet_iter_next(
    struct fleet_iter *it, const char **name, const struct fleet_endpoint **ep)
{
	struct fleet_entry *e = it->next;

	if (e == NULL)
		return NULL;
	it->next = e->next;
	if (name != NULL)
		*name = e->name;
	if (ep != NULL)
		*ep = &e->ep;
	return e->item;
}

static int
entry_name_cmp(const void *a, const void *b)
{
	const struct fleet_entry *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

char *
fleet_format_ready(const struct fleet *f, size_t *len)
{
	struct fleet_entry **sorted, *e;
	char		    *text, *p, ep[FLEET_ENDPOINT_TEXT_MAX];
	size_t		     i = 0, cap = 1;

	sorted = calloc(f->n + 1, sizeof(*sorted));
	if (sorted == NULL)
		return NULL;
	for (e = f->first; e != NULL; e = e->next) {
		sorted[i++] = e;
		cap += strlen(e->name) + 1 + FLEET_ENDPOINT_TEXT_MAX + 1;
	}
	qsort(sorted, f->n, sizeof(*sorted), entry_name_cmp);
	text = malloc(cap);
	if (text == NULL) {
		free(sorted);
		return NULL;
	}
	p = text;
	*p = '\0';
	for (i = 0; i < f->n; i++) {
		int n = snprintf(p, cap - (size_t)(p - text), "%s %s\n",
		    sorted[i]->name,
		    fleet_endpoint_format(&sorted[i]->ep, ep, sizeof(ep)));

		/* Cannot be short: cap counted every line at its longest. */
		p += n;
	}
	free(sorted);
	*len = (size_t)(p - text);
	return text;
}

#include <dlfcn.h>
#include <errno.h>
#include <event2/event.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <unistd.h>

#include "config.h"
#include "control.h"
#include "journal.h"
#include "metrics.h"
#include "daemon.h"
#include "err.h"
#include "fleet.h"
#include "instance.h"
#include "log.h"
#include "logsink.h"
#include "node.h"
#include "plugin.h"
#include "rng.h"
#include "statefile.h"
#include "udp.h"

/*
 * A loaded configuration stays alive while an instance made from it runs:
 * a reload keeps unchanged BMCs, which still point into the old one.
 */
struct loaded_config {
	struct config	     *conf;
	size_t		      users;
	struct loaded_config *next;
};

/* One running BMC: what the fleet registry holds under its name. */
struct running {
	struct instance	     *inst;
	struct loaded_config *from;
	int		      claimed; /* by the reload under way */
	struct config_bmc    *own_cfg; /* made at run time (control plane) */
};

struct daemon {
	const struct daemon_options *opts;
	struct event_base	    *base;
	struct instance_env	     env;
	struct server_counters	     counters;
	struct loaded_config	    *configs;
	struct fleet		    *fleet;	 /* of struct running */
	char			    *ready_text; /* as last written */
	size_t			     ready_len;
	struct event		    *ev_sig[4];
	void			    *plugins[8]; /* dlopen handles */
	struct control		    *control;	 /* NULL: none */
	int			     exit_status;
};

static void
print_diag(const struct config_diag *diag)
{
	size_t i;

	for (i = 0; i < diag->n; i++)
		log_error("%s", diag->msgs[i]);
}

/*
 * Loads and checks the configuration, with --listen, the administrator
 * of the environment, --fleet and --shard applied in that order.
 */
static struct config *
load_config(const struct daemon_options *o)
{
	struct config_diag diag;
	struct config	  *conf = NULL;
	int		   rc;

	memset(&diag, 0, sizeof(diag));
	rc = config_load(o->config_path, &conf, &diag);
	if (rc == 0 && o->listen != NULL)
		rc = config_set_listen(conf, o->listen, &diag);
	if (rc == 0 && (o->admin_user != NULL || o->admin_password != NULL))
		rc = config_set_admin(conf,
		    o->admin_user != NULL ? o->admin_user : "admin",
		    o->admin_password != NULL ? o->admin_password : "", &diag);
	if (rc == 0 && o->fleet != 0)
		rc = config_set_fleet(conf, o->fleet, &diag);
	if (rc == 0 && o->nshards != 0)
		rc = config_select_shard(conf, o->shard, o->nshards, &diag);
	print_diag(&diag);
	if (rc != 0) {
		if (rc == ERR_CONFIG)
			log_error("%s: %zu problem(s); nothing started",
			    o->config_path, diag.n);
		else if (diag.n == 0)
			log_error("%s: %s", o->config_path, err_str(rc));
		config_free(conf);
		conf = NULL;
	}
	config_diag_clear(&diag);
	return conf;
}

static struct loaded_config *
adopt_config(struct daemon *d, struct config *conf)
{
	struct loaded_config *lc = calloc(1, sizeof(*lc));

	if (lc == NULL)
		return NULL;
	lc->conf = conf;
	lc->next = d->configs;
	d->configs = lc;
	return lc;
}

/* Frees configurations no instance uses any more. */
static void
release_configs(struct daemon *d)
{
	struct loaded_config **pp = &d->configs;

	while (*pp != NULL) {
		struct loaded_config *lc = *pp;

		if (lc->users == 0) {
			*pp = lc->next;
			config_free(lc->conf);
			free(lc);
		} else
			pp = &lc->next;
	}
}

/*
 * Enough descriptors for a fleet: one socket per BMC.  Returns 1 if there
 * are, 0 if the hard limit stops short.
 */
static int
raise_fd_limit(size_t want)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return 1; /* unknown: try */
	if (rl.rlim_cur >= want + 64)
		return 1;
	rl.rlim_cur = want + 64 < rl.rlim_max ? want + 64 : rl.rlim_max;
	if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
		return 0;
	return rl.rlim_cur >= want + 64;
}

/* Where a BMC listens: the bound endpoint, with the port port 0 got. */
static const char *
bound_endpoint(struct daemon *d, const char *name, char *buf, size_t cap)
{
	const struct fleet_endpoint *ep = fleet_endpoint_of(d->fleet, name);

	if (ep == NULL)
		snprintf(buf, cap, "(not running)");
	else
		fleet_endpoint_format(ep, buf, cap);
	return buf;
}

static void
describe_endpoints(struct daemon *d, const struct config *conf)
{
	char   ep[FLEET_ENDPOINT_TEXT_MAX], ep2[FLEET_ENDPOINT_TEXT_MAX];
	size_t i;

	if (conf->nbmcs == 0)
		return;
	if (conf->nbmcs <= 8) {
		for (i = 0; i < conf->nbmcs; i++)
			log_info("BMC %s listening on %s", conf->bmcs[i].name,
			    bound_endpoint(
				d, conf->bmcs[i].name, ep, sizeof(ep)));
		return;
	}
	log_info("%zu BMCs listening, from %s on %s to %s on %s", conf->nbmcs,
	    conf->bmcs[0].name,
	    bound_endpoint(d, conf->bmcs[0].name, ep, sizeof(ep)),
	    conf->bmcs[conf->nbmcs - 1].name,
	    bound_endpoint(
		d, conf->bmcs[conf->nbmcs - 1].name, ep2, sizeof(ep2)));
}

/*
 * Starts the BMC cb on a new socket (adopt_fd -1) or on adopt_fd, a
 * socket another instance serves until the caller releases it.  Returns
 * it with its bound endpoint in *ep, not yet registered; NULL, logged,
 * on failure.
 */
static struct running *
start_one(struct daemon *d, struct loaded_config *lc,
    const struct config_bmc *cb, int adopt_fd, struct fleet_endpoint *ep)
{
	struct running *r = calloc(1, sizeof(*r));
	char		why[512];

	if (r == NULL) {
		log_error("BMC %s: out of memory", cb->name);
		return NULL;
	}
	if (adopt_fd >= 0)
		r->inst = instance_adopt(
		    &d->env, cb, adopt_fd, why, sizeof(why));
	else
		r->inst = instance_new(&d->env, cb, why, sizeof(why));
	if (r->inst == NULL) {
		log_error("BMC %s: %s", cb->name, why);
		free(r);
		return NULL;
	}
	if (fleet_endpoint_of_fd(instance_fd(r->inst), ep) != 0) {
		log_error("BMC %s: cannot read the bound address: %s", cb->name,
		    strerror(errno));
		if (adopt_fd >= 0)
			instance_release_fd(r->inst);
		instance_free(r->inst);
		free(r);
		return NULL;
	}
	r->from = lc;
	lc->users++;
	return r;
}

static void
running_free(struct running *r)
{
	instance_free(r->inst);
	r->from->users--;
	free(r->own_cfg);
	free(r);
}

/* Registers r under its name, or stops it if the registry cannot. */
static int
register_running(
    struct fleet *f, struct running *r, const struct fleet_endpoint *ep)
{
	const char *name = instance_config(r->inst)->name;
	int	    rc = fleet_add(f, name, ep, r);

	if (rc != 0) {
		log_error("BMC %s: cannot register it: %s; stopped", name,
		    err_str(rc));
		running_free(r);
	}
	return rc;
}

/*
 * Starts every BMC of a configuration.  Returns the number that failed;
 * with fatal, stops at the first.
 */
static size_t
start_instances(struct daemon *d, struct loaded_config *lc, int fatal)
{
	size_t i, failed = 0;

	for (i = 0; i < lc->conf->nbmcs; i++) {
		struct fleet_endpoint ep;
		struct running	     *r;

		r = start_one(d, lc, &lc->conf->bmcs[i], -1, &ep);
		if (r == NULL || register_running(d->fleet, r, &ep) != 0) {
			failed++;
			if (fatal)
				return failed;
		}
	}
	return failed;
}

static void
stop_all(struct daemon *d)
{
	struct fleet_iter it;
	struct running	 *r;
	const char	 *name;

	if (d->fleet != NULL) {
		fleet_iter_init(d->fleet, &it);
		while ((r = fleet_iter_next(&it, &name, NULL)) != NULL) {
			fleet_remove(d->fleet, name);
			running_free(r);
		}
	}
	release_configs(d);
}

/*
 * --ready-file: the bound endpoints, one line per BMC, written whole
 * (temporary file and rename) so that a reader never sees half of it;
 * rewritten only when they changed.
 */
static int
write_ready(struct daemon *d)
{
	char  *text;
	size_t len;

	if (d->opts->ready_file == NULL)
		return 0;
	text = fleet_format_ready(d->fleet, &len);
	if (text == NULL) {
		log_error(
		    "--ready-file %s: out of memory", d->opts->ready_file);
		return -1;
	}
	if (d->ready_text != NULL && len == d->ready_len &&
	    memcmp(text, d->ready_text, len) == 0) {
		free(text);
		return 0;
	}
	if (statefile_write(d->opts->ready_file, text, len) != 0) {
		log_error("--ready-file %s: cannot write it: %s (its directory "
			  "must be writable for the user bmcsimd runs as)",
		    d->opts->ready_file, strerror(errno));
		free(text);
		return -1;
	}
	free(d->ready_text);
	d->ready_text = text;
	d->ready_len = len;
	log_info("endpoints written to %s", d->opts->ready_file);
	return 0;
}

static void
print_counters(struct daemon *d)
{
	struct responder_stats sum;
	struct node_stats      lost;
	struct fleet_iter      it;
	struct running	      *rn;
	unsigned	       r;
	char		       drops[1024];
	size_t		       used = 0;

	memset(&sum, 0, sizeof(sum));
	memset(&lost, 0, sizeof(lost));
	fleet_iter_init(d->fleet, &it);
	while ((rn = fleet_iter_next(&it, NULL, NULL)) != NULL) {
		const struct responder_stats *s = instance_stats(rn->inst);
		const struct node_stats *ns = instance_node_stats(rn->inst);

		lost.outbox_full += ns->outbox_full;
		lost.write_short += ns->write_short;
		lost.no_memory += ns->no_memory;

		sum.received += s->received;
		sum.replies += s->replies;
		sum.pongs += s->pongs;
		sum.requests += s->requests;
		sum.cached_replies += s->cached_replies;
		sum.handshake_repeats += s->handshake_repeats;
		sum.sessions_opened += s->sessions_opened;
		sum.sessions_closed += s->sessions_closed;
		sum.sessions_expired += s->sessions_expired;
		sum.login_failures += s->login_failures;
		sum.lockouts += s->lockouts;
		for (r = 0; r < RESPONDER_DROP_COUNT; r++)
			sum.drops[r] += s->drops[r];
	}
	log_info("counters: %zu BMC(s); %llu datagrams in, %llu replies "
		 "(%llu pongs, %llu requests, %llu from the retry cache, %llu "
		 "repeated handshakes)",
	    fleet_count(d->fleet), (unsigned long long)sum.received,
	    (unsigned long long)sum.replies, (unsigned long long)sum.pongs,
	    (unsigned long long)sum.requests,
	    (unsigned long long)sum.cached_replies,
	    (unsigned long long)sum.handshake_repeats);
	log_info("counters: sessions %llu opened, %llu closed, %llu expired; "
		 "%llu failed logins, %llu lockouts",
	    (unsigned long long)sum.sessions_opened,
	    (unsigned long long)sum.sessions_closed,
	    (unsigned long long)sum.sessions_expired,
	    (unsigned long long)sum.login_failures,
	    (unsigned long long)sum.lockouts);
	drops[0] = '\0';
	for (r = 0; r < RESPONDER_DROP_COUNT; r++) {
		int n;

		if (sum.drops[r] == 0)
			continue;
		n = snprintf(drops + used, sizeof(drops) - used, " %s %llu",
		    responder_drop_name((enum responder_drop)r),
		    (unsigned long long)sum.drops[r]);
		if (n < 0 || (size_t)n >= sizeof(drops) - used)
			break;
		used += (size_t)n;
	}
	if (d->counters.oversize > 0) {
		int n = snprintf(drops + used, sizeof(drops) - used,
		    " oversize %llu", (unsigned long long)d->counters.oversize);

		if (n > 0 && (size_t)n < sizeof(drops) - used)
			used += (size_t)n;
	}
	log_info("counters: drops:%s", used > 0 ? drops : " none");
	log_info("counters: datagrams lost before sending: %llu outbox full, "
		 "%llu too large, %llu out of memory",
	    (unsigned long long)lost.outbox_full,
	    (unsigned long long)lost.write_short,
	    (unsigned long long)lost.no_memory);
	log_info("counters: %llu send failures, %llu receive errors, %llu "
		 "state writes (%llu failed)",
	    (unsigned long long)d->counters.send_failures,
	    (unsigned long long)d->counters.recv_errors,
	    (unsigned long long)d->counters.state_writes,
	    (unsigned long long)d->counters.state_write_errors);
}

enum reload_action {
	RELOAD_BIND,  /* new, or moved to an endpoint no BMC holds */
	RELOAD_KEEP,  /* unchanged: runs on with its sessions */
	RELOAD_ADOPT, /* changed on an endpoint held: restarts on that socket */
};

/*
 * The running BMC whose socket a new or changed BMC cb can take over: the
 * one bound to cb's endpoint; for port 0 (any free port), cb's former
 * self if it asked for port 0 on the same address too.
 */
static struct running *
socket_donor(struct daemon *d, const struct config_bmc *cb)
{
	struct fleet_endpoint	 want, had;
	const struct config_bmc *old;
	struct running		*r;

	if (fleet_endpoint_parse(cb->host, cb->port, &want) != 0)
		return NULL;
	if (cb->port != 0)
		return fleet_find_endpoint(d->fleet, &want);
	r = fleet_find_name(d->fleet, cb->name);
	if (r == NULL)
		return NULL;
	old = instance_config(r->inst);
	if (old->port != 0 || fleet_endpoint_parse(old->host, 0, &had) != 0 ||
	    !fleet_endpoint_equal(&want, &had))
		return NULL;
	return r;
}

/*
 * A running BMC being replaced (not kept, not a socket donor) whose socket
 * would keep want from being bound.  A socket on want itself was taken
 * over already; what is left is a wildcard address on either side, as
 * when a BMC moves from 0.0.0.0:P to 127.0.0.1:P.
 */
static struct running *
socket_blocker(struct daemon *d, const struct fleet_endpoint *want)
{
	struct fleet_endpoint	     any4, any6;
	const struct fleet_endpoint *ep;
	struct fleet_iter	     it;
	struct running		    *r;

	if (want->port == 0)
		return NULL;
	(void)fleet_endpoint_parse("0.0.0.0", want->port, &any4);
	(void)fleet_endpoint_parse("::", want->port, &any6);
	if (fleet_endpoint_equal(want, &any4) ||
	    fleet_endpoint_equal(want, &any6)) {
		/* Rare (a wildcard on a port shared with others): a scan. */
		fleet_iter_init(d->fleet, &it);
		while ((r = fleet_iter_next(&it, NULL, &ep)) != NULL)
			if (!r->claimed && fleet_endpoint_overlap(ep, want))
				return r;
		return NULL;
	}
	r = fleet_find_endpoint(d->fleet, &any4);
	if (r != NULL && !r->claimed && fleet_endpoint_overlap(&any4, want))
		return r;
	r = fleet_find_endpoint(d->fleet, &any6);
	if (r != NULL && !r->claimed)
		return r;
	return NULL;
}

/* Moves name's entry, with its endpoint, from one registry to another. */
static int
move_entry(struct fleet *from, struct fleet *to, const char *name)
{
	struct fleet_endpoint ep = *fleet_endpoint_of(from, name);
	struct running	     *r = fleet_remove(from, name);

	return register_running(to, r, &ep);
}

static void
stop_entry(struct fleet *f, const char *name)
{
	running_free(fleet_remove(f, name));
}

/*
 * SIGHUP: BMCs whose configuration did not change keep running with their
 * sessions; the others restart (their state saved and restored), new ones
 * start, removed ones stop.  A configuration with errors changes nothing.
 *
 * Sockets outlive restarts: a changed BMC on an endpoint a running BMC
 * holds restarts on that socket, which a daemon that dropped privileges
 * after binding port 623 could not bind again.  A BMC whose new self
 * cannot start runs on as it was.  Removed BMCs stop before the others
 * bind, since they may hold what those want.
 */
static void
reload(struct daemon *d)
{
	struct config	     *conf;
	struct loaded_config *lc;
	struct fleet	     *next;
	struct fleet_iter     it;
	struct running	     *r, **donor = NULL;
	uint8_t		     *act = NULL;
	const char	     *name;
	size_t		      i, kept = 0, started = 0, adopted = 0;
	size_t		      failed = 0, as_before = 0;
	int		      roomy;

	log_info("SIGHUP: reloading %s", d->opts->config_path);
	logsink_limit(0);
	conf = load_config(d->opts);
	if (conf == NULL) {
		log_error("reload failed; the running configuration stays");
		logsink_limit(1);
		return;
	}
	lc = adopt_config(d, conf);
	next = fleet_new();
	if (lc != NULL) {
		donor = calloc(conf->nbmcs + 1, sizeof(*donor));
		act = calloc(conf->nbmcs + 1, sizeof(*act));
	}
	if (lc == NULL || next == NULL || donor == NULL || act == NULL) {
		log_error("reload: out of memory; the running configuration "
			  "stays");
		if (lc == NULL)
			config_free(conf);
		goto out;
	}
	/*
	 * A BMC moving to a new endpoint runs on until its new socket is
	 * open, if the open-file limit allows both at once.
	 */
	roomy = raise_fd_limit(fleet_count(d->fleet) + conf->nbmcs);
	if (!roomy)
		log_info("reload: the open-file limit does not allow old and "
			 "new sockets side by side; a BMC on a new endpoint "
			 "stops before it binds it");
	fleet_iter_init(d->fleet, &it);
	while ((r = fleet_iter_next(&it, NULL, NULL)) != NULL)
		r->claimed = 0;
	/* Decide first: which run on, which take over a socket. */
	for (i = 0; i < conf->nbmcs; i++) {
		r = fleet_find_name(d->fleet, conf->bmcs[i].name);
		if (r != NULL &&
		    config_bmc_equal(
			instance_config(r->inst), &conf->bmcs[i])) {
			act[i] = RELOAD_KEEP;
			r->claimed = 1;
		}
	}
	for (i = 0; i < conf->nbmcs; i++) {
		if (act[i] == RELOAD_KEEP)
			continue;
		r = socket_donor(d, &conf->bmcs[i]);
		if (r != NULL && !r->claimed) {
			act[i] = RELOAD_ADOPT;
			donor[i] = r;
			r->claimed = 1;
		}
	}
	for (i = 0; i < conf->nbmcs; i++)
		if (act[i] == RELOAD_KEEP &&
		    move_entry(d->fleet, next, conf->bmcs[i].name) == 0)
			kept++;
	/*
	 * The old instance writes its state before the new one reads it;
	 * then it lets go of the socket without closing it.
	 */
	for (i = 0; i < conf->nbmcs; i++) {
		const char	     *dname;
		struct fleet_endpoint ep;

		if (act[i] != RELOAD_ADOPT)
			continue;
		r = donor[i];
		instance_save(r->inst);
		r = start_one(d, lc, &conf->bmcs[i], instance_fd(r->inst), &ep);
		if (r == NULL) {
			failed++;
			continue;
		}
		dname = instance_config(donor[i]->inst)->name;
		instance_release_fd(donor[i]->inst);
		stop_entry(d->fleet, dname);
		if (register_running(next, r, &ep) != 0) {
			failed++;
			continue;
		}
		started++;
		adopted++;
	}
	/* Removed BMCs stop. */
	fleet_iter_init(d->fleet, &it);
	while ((r = fleet_iter_next(&it, &name, NULL)) != NULL)
		if (!r->claimed && config_find_bmc(conf, name) == NULL)
			stop_entry(d->fleet, name);
	/* New BMCs, and those on a new endpoint, bind. */
	for (i = 0; i < conf->nbmcs; i++) {
		const struct config_bmc *cb = &conf->bmcs[i];
		struct fleet_endpoint	 ep, want;
		char			 text[FLEET_ENDPOINT_TEXT_MAX];

		if (act[i] != RELOAD_BIND)
			continue;
		if (fleet_endpoint_parse(cb->host, cb->port, &want) == 0)
			while ((r = socket_blocker(d, &want)) != NULL)
				stop_entry(
				    d->fleet, instance_config(r->inst)->name);
		r = fleet_find_name(d->fleet, cb->name);
		if (!roomy && r != NULL && !r->claimed)
			stop_entry(d->fleet, cb->name);
		r = start_one(d, lc, cb, -1, &ep);
		if (r == NULL) {
			failed++;
			continue;
		}
		if (register_running(next, r, &ep) != 0) {
			failed++;
			continue;
		}
		started++;
		/* The port the system chose is news. */
		if (cb->port == 0)
			log_info("BMC %s listening on %s", cb->name,
			    fleet_endpoint_format(&ep, text, sizeof(text)));
	}
	/*
	 * What is left could not be replaced: it runs on as it was, unless
	 * a new BMC of its name started elsewhere.
	 */
	fleet_iter_init(d->fleet, &it);
	while ((r = fleet_iter_next(&it, &name, NULL)) != NULL) {
		if (fleet_find_name(next, name) != NULL) {
			stop_entry(d->fleet, name);
			continue;
		}
		log_error("BMC %s: still running as it was", name);
		if (move_entry(d->fleet, next, name) == 0)
			as_before++;
	}
	fleet_free(d->fleet);
	d->fleet = next;
	next = NULL;
	/* Before the summary: who waits for it finds the file up to date. */
	(void)write_ready(d);
	log_info("reloaded: %zu BMC(s) kept with their sessions, %zu "
		 "(re)started (%zu on the socket they had), %zu failed (%zu "
		 "running as before)",
	    kept, started, adopted, failed, as_before);
out:
	fleet_free(next);
	free(donor);
	free(act);
	release_configs(d);
	logsink_limit(1);
}

static void
on_signal(evutil_socket_t sig, short what, void *arg)
{
	struct daemon *d = arg;

	(void)what;
	switch (sig) {
	case SIGTERM:
	case SIGINT:
		log_info("%s: stopping", sig == SIGTERM ? "SIGTERM" : "SIGINT");
		event_base_loopbreak(d->base);
		break;
	case SIGHUP:
		reload(d);
		break;
	case SIGUSR1:
		logsink_limit(0);
		print_counters(d);
		logsink_limit(1);
		break;
	}
}

static int
drop_privileges(const char *user, const char *state_dir)
{
	struct passwd *pw;

	if (geteuid() != 0) {
		log_info(
		    "--user %s: not running as root, nothing to drop", user);
		return 0;
	}
	errno = 0;
	pw = getpwnam(user);
	if (pw == NULL) {
		log_error("--user %s: no such user%s%s", user,
		    errno != 0 ? ": " : "", errno != 0 ? strerror(errno) : "");
		return -1;
	}
	/* The state directory must stay writable for the new identity. */
	if (state_dir != NULL &&
	    chown(state_dir, pw->pw_uid, pw->pw_gid) != 0) {
		log_error("--user %s: cannot give %s to it: %s", user,
		    state_dir, strerror(errno));
		return -1;
	}
	if (setgroups(0, NULL) != 0 || setgid(pw->pw_gid) != 0 ||
	    setuid(pw->pw_uid) != 0) {
		log_error("--user %s: cannot switch to it: %s", user,
		    strerror(errno));
		return -1;
	}
	if (pw->pw_uid != 0 && setuid(0) == 0) {
		log_error("--user %s: root could be regained; stopping", user);
		return -1;
	}
	log_info("running as %s (uid %u, gid %u)", user, (unsigned)pw->pw_uid,
	    (unsigned)pw->pw_gid);
	return 0;
}

/*
 * Loads the plugins (bmcsim_plugin.h) before any BMC starts: each
 * registers its commands into the model's table.  A plugin that cannot be
 * loaded, or refuses, stops the start: a simulator missing behaviour it
 * was asked for is worse than one that does not start.
 */
static int
load_plugins(const struct daemon_options *o, void **handles)
{
	static struct bmcsim_plugin_host hosts[8];
	unsigned			 i;

	for (i = 0; i < 8 && o->plugins[i] != NULL; i++) {
		bmcsim_plugin_init_fn *init;
		void		      *h;

		h = dlopen(o->plugins[i], RTLD_NOW | RTLD_LOCAL);
		if (h == NULL) {
			log_error("--plugin %s: %s", o->plugins[i], dlerror());
			return -1;
		}
		handles[i] = h;
		*(void **)(&init) = dlsym(h, "bmcsim_plugin_init");
		if (init == NULL) {
			log_error("--plugin %s: no bmcsim_plugin_init (see "
				  "bmcsim_plugin.h)",
			    o->plugins[i]);
			return -1;
		}
		plugin_host_init(&hosts[i], o->plugins[i]);
		if (init(&hosts[i]) != 0) {
			log_error("--plugin %s: refused to load (interface "
				  "version %d)",
			    o->plugins[i], BMCSIM_PLUGIN_ABI);
			return -1;
		}
		log_info("plugin %s loaded", o->plugins[i]);
	}
	return 0;
}

/* ---- the control plane (control.h) ---- */

struct instance *
daemon_find_bmc(void *arg, const char *name)
{
	struct daemon  *d = arg;
	struct running *r = fleet_find_name(d->fleet, name);

	return r != NULL ? r->inst : NULL;
}

const struct fleet *
daemon_fleet(const struct daemon *d)
{
	return d->fleet;
}

struct event_base *
daemon_event_base(const struct daemon *d)
{
	return d->base;
}

struct journal *
daemon_journal(const struct daemon *d)
{
	return d->env.journal;
}

const struct server_counters *
daemon_counters(const struct daemon *d)
{
	return &d->counters;
}

struct instance *
daemon_item_bmc(void *item)
{
	return item != NULL ? ((struct running *)item)->inst : NULL;
}

/*
 * Starts name again on its own socket: its sessions end; with fresh, its
 * saved state is forgotten first, so it starts as configured.  0,
 * ERR_NOT_FOUND or ERR_SYSTEM (logged; the BMC then runs on as it was).
 */
int
daemon_bmc_restart(struct daemon *d, const char *name, int fresh)
{
	struct running	     *old = fleet_find_name(d->fleet, name), *r;
	struct fleet_endpoint ep;

	if (old == NULL)
		return ERR_NOT_FOUND;
	if (fresh)
		instance_forget_state(old->inst);
	else
		instance_save(old->inst);
	r = start_one(d, old->from, instance_config(old->inst),
	    instance_fd(old->inst), &ep);
	if (r == NULL)
		return ERR_SYSTEM;
	r->own_cfg = old->own_cfg;
	old->own_cfg = NULL;
	instance_release_fd(old->inst);
	fleet_remove(d->fleet, name);
	running_free(old);
	return register_running(d->fleet, r, &ep) == 0 ? 0 : ERR_SYSTEM;
}

int
daemon_bmc_create(struct daemon *d, const char *name, const char *like,
    const char *labels, const char *host, uint16_t port, char *why,
    size_t whycap)
{
	struct running	     *tmpl, *r;
	struct config_bmc    *cb;
	struct fleet_endpoint ep;
	size_t		      i, n = strlen(name);

	if (n == 0 || n >= CONFIG_NAME_MAX || strchr(name, '/') != NULL) {
		snprintf(why, whycap, "a name is 1 to %d bytes, without '/'",
		    CONFIG_NAME_MAX - 1);
		return ERR_INVALID_ARG;
	}
	if (fleet_find_name(d->fleet, name) != NULL) {
		snprintf(why, whycap, "a BMC named \"%s\" exists", name);
		return ERR_WRONG_STATE;
	}
	tmpl = like != NULL ? fleet_find_name(d->fleet, like) : NULL;
	if (tmpl == NULL && like == NULL) {
		struct fleet_iter it;

		fleet_iter_init(d->fleet, &it);
		tmpl = fleet_iter_next(&it, NULL, NULL);
	}
	if (tmpl == NULL) {
		snprintf(why, whycap, "no BMC \"%s\" to take the model of",
		    like != NULL ? like : "");
		return ERR_NOT_FOUND;
	}
	if (strlen(host) >= CONFIG_HOST_MAX ||
	    fleet_endpoint_parse(host, port, &ep) != 0) {
		snprintf(why, whycap, "%s: not a numeric IPv4 or IPv6 address",
		    host);
		return ERR_INVALID_ARG;
	}
	cb = calloc(1, sizeof(*cb));
	if (cb == NULL) {
		snprintf(why, whycap, "out of memory");
		return ERR_NOMEM;
	}
	*cb = *instance_config(tmpl->inst);
	snprintf(cb->name, sizeof(cb->name), "%s", name);
	snprintf(cb->host, sizeof(cb->host), "%s", host);
	cb->port = port;
	cb->index = 0;
	if (labels != NULL &&
	    snprintf(cb->labels, sizeof(cb->labels), "%s", labels) >=
		(int)sizeof(cb->labels)) {
		snprintf(why, whycap, "labels: at most %d bytes",
		    CONFIG_LABELS_MAX - 1);
		free(cb);
		return ERR_INVALID_ARG;
	}
	/* Its own GUIDs: the model's, the last bytes from the name. */
	for (i = 0; i < n; i++) {
		cb->system_guid[i % 6] ^= (uint8_t)name[i];
		cb->device_guid[i % 6] ^= (uint8_t)(name[i] + 1);
	}
	r = start_one(d, tmpl->from, cb, -1, &ep);
	if (r == NULL) {
		snprintf(why, whycap, "cannot start it (see the log)");
		free(cb);
		return ERR_SYSTEM;
	}
	r->own_cfg = cb;
	if (register_running(d->fleet, r, &ep) != 0) {
		snprintf(why, whycap, "its endpoint is taken");
		return ERR_WRONG_STATE;
	}
	(void)write_ready(d);
	return 0;
}

int
daemon_bmc_delete(struct daemon *d, const char *name)
{
	struct running *r = fleet_remove(d->fleet, name);

	if (r == NULL)
		return ERR_NOT_FOUND;
	running_free(r);
	release_configs(d);
	(void)write_ready(d);
	return 0;
}

/*
 * --control, or STATE_DIR/control.sock by default (no state directory,
 * no --control: no control plane).
 */
static int
start_control(struct daemon *d)
{
	const struct daemon_options *o = d->opts;
	struct control_config	     cc;
	char			     path[4096], why[512];

	memset(&cc, 0, sizeof(cc));
	cc.listen = o->control;
	if (cc.listen == NULL && o->state_dir != NULL) {
		snprintf(
		    path, sizeof(path), "unix:%s/control.sock", o->state_dir);
		cc.listen = path;
	}
	if (cc.listen == NULL)
		return 0;
	cc.token_file = o->control_token_file;
	cc.group = o->control_group;
	cc.daemon = d;
	cc.find = daemon_find_bmc;
	cc.find_arg = d;
	d->control = control_new(d->base, &cc, why, sizeof(why));
	if (d->control == NULL) {
		log_error("control plane: %s", why);
		return -1;
	}
	return 0;
}

static int
setup_signals(struct daemon *d)
{
	static const int sigs[4] = {SIGTERM, SIGINT, SIGHUP, SIGUSR1};
	unsigned	 i;

	/* A client gone away must not kill us on a write to a socket. */
	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < 4; i++) {
		d->ev_sig[i] = evsignal_new(d->base, sigs[i], on_signal, d);
		if (d->ev_sig[i] == NULL || event_add(d->ev_sig[i], NULL) != 0)
			return -1;
	}
	return 0;
}

/* A seed for the fault rules when none is given. */
static uint64_t
daemon_draw_seed(void)
{
	struct rng *r = rng_new_system();
	uint8_t	    b[8];
	uint64_t    s = 0;
	unsigned    i;

	if (r != NULL && rng_bytes(r, b, sizeof(b)) == 0)
		for (i = 0; i < sizeof(b); i++)
			s = s << 8 | b[i];
	rng_free(r);
	return s;
}

int
daemon_run(const struct daemon_options *o)
{
	struct daemon	      d;
	struct config	     *conf;
	struct loaded_config *lc;
	size_t		      failed, i;

	memset(&d, 0, sizeof(d));
	d.opts = o;
	logsink_install();
	log_set_level(o->verbosity >= 4
		? LOG_LEVEL_TRACE
		: (enum log_level)(LOG_LEVEL_INFO + o->verbosity));
	conf = load_config(o);
	if (conf == NULL)
		return 1;
	if (o->check_only) {
		printf("%s: configuration OK: %zu BMC(s), %zu model(s)\n",
		    o->config_path, conf->nbmcs, conf->nmodels);
		config_free(conf);
		return 0;
	}
	if (o->state_dir != NULL && statefile_prepare_dir(o->state_dir) != 0) {
		log_error("--state-dir %s: %s (create it, or make it writable "
			  "for this user)",
		    o->state_dir, strerror(errno));
		config_free(conf);
		return 1;
	}
	if (load_plugins(o, d.plugins) != 0) {
		config_free(conf);
		return 1;
	}
	d.base = event_base_new();
	d.env.batch = udp_batch_new();
	if (d.base == NULL || d.env.batch == NULL) {
		log_error("cannot start the event loop: out of memory");
		config_free(conf);
		return 1;
	}
	d.env.base = d.base;
	d.env.state_dir = o->state_dir;
	d.env.counters = &d.counters;
	if (o->journal_size > 0 &&
	    (d.env.journal = journal_new(o->journal_size)) == NULL) {
		log_error("--journal-size %zu: out of memory", o->journal_size);
		config_free(conf);
		return 1;
	}
	d.env.fault_seed = o->seed_set ? (uint64_t)o->seed : daemon_draw_seed();
	/* Printed so that a run's fault firings can be replayed. */
	log_info("fault seed %llu (replay with --seed %llu)",
	    (unsigned long long)d.env.fault_seed,
	    (unsigned long long)d.env.fault_seed);
	lc = adopt_config(&d, conf);
	d.fleet = fleet_new();
	if (lc == NULL || d.fleet == NULL) {
		log_error("out of memory");
		return 1;
	}
	/* A file left by an earlier run must not pass for this one's. */
	if (o->ready_file != NULL && unlink(o->ready_file) != 0 &&
	    errno != ENOENT)
		log_error("--ready-file %s: cannot remove the old one: %s",
		    o->ready_file, strerror(errno));
	raise_fd_limit(conf->nbmcs);
	if (o->state_dir == NULL)
		log_info("no --state-dir: changes made over IPMI last until "
			 "bmcsimd stops");
	if (start_control(&d) != 0) {
		d.exit_status = 1;
		goto out;
	}
	failed = start_instances(&d, lc, 1);
	if (failed > 0) {
		log_error("not started: a BMC could not be set up");
		d.exit_status = 1;
		goto out;
	}
	/* Before the ready file: a SIGHUP sent on seeing it must reload. */
	if (setup_signals(&d) != 0) {
		log_error("cannot set up signal handling");
		d.exit_status = 1;
		goto out;
	}
	if (o->user != NULL && drop_privileges(o->user, o->state_dir) != 0) {
		d.exit_status = 1;
		goto out;
	}
	describe_endpoints(&d, conf);
	if (write_ready(&d) != 0) {
		d.exit_status = 1;
		goto out;
	}
	if (d.control != NULL)
		control_set_ready(d.control, 1);
	log_info("ready (%s)", o->config_path);
	logsink_limit(1);
	if (event_base_dispatch(d.base) < 0) {
		log_error("event loop failed");
		d.exit_status = 1;
	}
	logsink_limit(0);
	if (o->verbosity > 0)
		print_counters(&d);
out:
	control_free(d.control);
	stop_all(&d);
	fleet_free(d.fleet);
	metrics_stop();
	journal_free(d.env.journal);
	free(d.ready_text);
	for (i = 0; i < 4; i++)
		if (d.ev_sig[i] != NULL)
			event_free(d.ev_sig[i]);
	rng_free(d.env.system_rng);
	plugin_reset();
	for (i = 0; i < 8; i++)
		if (d.plugins[i] != NULL)
			dlclose(d.plugins[i]);
	udp_batch_free(d.env.batch);
	event_base_free(d.base);
	if (d.exit_status == 0)
		log_info("stopped");
	return d.exit_status;
}

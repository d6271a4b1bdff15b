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
#include "daemon.h"
#include "err.h"
#include "instance.h"
#include "log.h"
#include "logsink.h"
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

struct running {
	struct instance	     *inst;
	struct loaded_config *from;
};

struct daemon {
	const struct daemon_options *opts;
	struct event_base	    *base;
	struct instance_env	     env;
	struct server_counters	     counters;
	struct loaded_config	    *configs;
	struct running		    *running; /* sorted by name */
	size_t			     nrunning;
	struct event		    *ev_sig[4];
	void			    *plugins[8]; /* dlopen handles */
	int			     exit_status;
};

static void
print_diag(const struct config_diag *diag)
{
	size_t i;

	for (i = 0; i < diag->n; i++)
		log_error("%s", diag->msgs[i]);
}

/* Loads and checks the configuration, with --listen applied. */
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

static int
running_cmp(const void *a, const void *b)
{
	const struct running *ra = a, *rb = b;

	return strcmp(
	    instance_config(ra->inst)->name, instance_config(rb->inst)->name);
}

static struct running *
find_running(struct daemon *d, const char *name)
{
	size_t lo = 0, hi = d->nrunning;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int    c = strcmp(
		       instance_config(d->running[mid].inst)->name, name);

		if (c == 0)
			return &d->running[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Enough descriptors for a fleet: one socket per BMC. */
static void
raise_fd_limit(size_t want)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= want + 64)
		return;
	rl.rlim_cur = want + 64 < rl.rlim_max ? want + 64 : rl.rlim_max;
	(void)setrlimit(RLIMIT_NOFILE, &rl);
}

static void
format_endpoint(const struct config_bmc *b, char *buf, size_t cap)
{
	if (strchr(b->host, ':') != NULL)
		snprintf(buf, cap, "[%s]:%u", b->host, b->port);
	else
		snprintf(buf, cap, "%s:%u", b->host, b->port);
}

static void
describe_endpoints(const struct config *conf)
{
	char   ep[96], ep2[96];
	size_t i;

	if (conf->nbmcs == 0)
		return;
	if (conf->nbmcs <= 8) {
		for (i = 0; i < conf->nbmcs; i++) {
			format_endpoint(&conf->bmcs[i], ep, sizeof(ep));
			log_info(
			    "BMC %s listening on %s", conf->bmcs[i].name, ep);
		}
		return;
	}
	format_endpoint(&conf->bmcs[0], ep, sizeof(ep));
	format_endpoint(&conf->bmcs[conf->nbmcs - 1], ep2, sizeof(ep2));
	log_info("%zu BMCs listening, from %s on %s to %s on %s", conf->nbmcs,
	    conf->bmcs[0].name, ep, conf->bmcs[conf->nbmcs - 1].name, ep2);
}

/*
 * Starts every BMC of a configuration, appending to out.  Returns the
 * number that failed; with fatal, stops at the first.
 */
static size_t
start_instances(struct daemon *d, struct loaded_config *lc, struct running *out,
    size_t *nout, int fatal)
{
	size_t i, failed = 0;

	for (i = 0; i < lc->conf->nbmcs; i++) {
		const struct config_bmc *cb = &lc->conf->bmcs[i];
		char			 why[512];
		struct instance		*in;

		in = instance_new(&d->env, cb, why, sizeof(why));
		if (in == NULL) {
			log_error("BMC %s: %s", cb->name, why);
			failed++;
			if (fatal)
				return failed;
			continue;
		}
		out[*nout].inst = in;
		out[*nout].from = lc;
		(*nout)++;
		lc->users++;
	}
	return failed;
}

static void
stop_all(struct daemon *d)
{
	size_t i;

	for (i = 0; i < d->nrunning; i++) {
		instance_free(d->running[i].inst);
		d->running[i].from->users--;
	}
	free(d->running);
	d->running = NULL;
	d->nrunning = 0;
	release_configs(d);
}

static void
print_counters(struct daemon *d)
{
	struct responder_stats sum;
	size_t		       i;
	unsigned	       r;
	char		       drops[1024];
	size_t		       used = 0;

	memset(&sum, 0, sizeof(sum));
	for (i = 0; i < d->nrunning; i++) {
		const struct responder_stats *s = instance_stats(
		    d->running[i].inst);

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
	    d->nrunning, (unsigned long long)sum.received,
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
	log_info("counters: %llu send failures, %llu receive errors, %llu "
		 "state writes (%llu failed)",
	    (unsigned long long)d->counters.send_failures,
	    (unsigned long long)d->counters.recv_errors,
	    (unsigned long long)d->counters.state_writes,
	    (unsigned long long)d->counters.state_write_errors);
}

/*
 * SIGHUP: BMCs whose configuration did not change keep running with their
 * sessions; the others restart (their state saved and restored), new ones
 * start, removed ones stop.  A configuration with errors changes nothing.
 */
static void
reload(struct daemon *d)
{
	struct config	     *conf;
	struct loaded_config *lc;
	struct running	     *next;
	uint8_t		     *keep;
	size_t		      i, n = 0, kept = 0, failed;

	log_info("SIGHUP: reloading %s", d->opts->config_path);
	logsink_limit(0);
	conf = load_config(d->opts);
	if (conf == NULL) {
		log_error("reload failed; the running configuration stays");
		logsink_limit(1);
		return;
	}
	lc = adopt_config(d, conf);
	next = calloc(conf->nbmcs + 1, sizeof(*next));
	if (lc == NULL || next == NULL) {
		log_error("reload: out of memory; the running configuration "
			  "stays");
		free(next);
		if (lc == NULL)
			config_free(conf);
		release_configs(d);
		logsink_limit(1);
		return;
	}
	raise_fd_limit(conf->nbmcs);
	keep = calloc(conf->nbmcs + 1, 1);
	if (keep == NULL) {
		log_error("reload: out of memory; the running configuration "
			  "stays");
		free(next);
		release_configs(d);
		logsink_limit(1);
		return;
	}
	/* Keep the unchanged ones; mark them by clearing their slot. */
	for (i = 0; i < conf->nbmcs; i++) {
		struct running *r = find_running(d, conf->bmcs[i].name);

		if (r != NULL && r->inst != NULL &&
		    config_bmc_equal(
			instance_config(r->inst), &conf->bmcs[i])) {
			next[n++] = *r;
			r->inst = NULL;
			keep[i] = 1;
			kept++;
		}
	}
	/* Stop the rest first: a changed BMC may keep its endpoint. */
	for (i = 0; i < d->nrunning; i++) {
		if (d->running[i].inst == NULL)
			continue;
		instance_free(d->running[i].inst);
		d->running[i].from->users--;
	}
	free(d->running);
	/* Start what is new or changed. */
	failed = 0;
	for (i = 0; i < conf->nbmcs; i++) {
		const struct config_bmc *cb = &conf->bmcs[i];
		char			 why[512];

		if (keep[i])
			continue;
		next[n].inst = instance_new(&d->env, cb, why, sizeof(why));
		if (next[n].inst == NULL) {
			log_error("BMC %s: %s", cb->name, why);
			failed++;
			continue;
		}
		next[n++].from = lc;
		lc->users++;
	}
	free(keep);
	d->running = next;
	d->nrunning = n;
	qsort(d->running, d->nrunning, sizeof(*d->running), running_cmp);
	release_configs(d);
	log_info("reloaded: %zu BMC(s) kept with their sessions, %zu "
		 "(re)started, %zu failed",
	    kept, n - kept, failed);
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
	lc = adopt_config(&d, conf);
	d.running = calloc(conf->nbmcs + 1, sizeof(*d.running));
	if (lc == NULL || d.running == NULL) {
		log_error("out of memory");
		return 1;
	}
	raise_fd_limit(conf->nbmcs);
	if (o->state_dir == NULL)
		log_info("no --state-dir: changes made over IPMI last until "
			 "bmcsimd stops");
	failed = start_instances(&d, lc, d.running, &d.nrunning, 1);
	if (failed > 0) {
		log_error("not started: a BMC could not be set up");
		d.exit_status = 1;
		goto out;
	}
	qsort(d.running, d.nrunning, sizeof(*d.running), running_cmp);
	if (o->user != NULL && drop_privileges(o->user, o->state_dir) != 0) {
		d.exit_status = 1;
		goto out;
	}
	if (setup_signals(&d) != 0) {
		log_error("cannot set up signal handling");
		d.exit_status = 1;
		goto out;
	}
	describe_endpoints(conf);
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
	stop_all(&d);
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

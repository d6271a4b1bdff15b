/*
 * The configuration loader (bmcsim.ini(5)): files, the instance sections
 * [bmc NAME] and [fleet NAME], fleet expansion and endpoint checks.
 *
 * The INI engine (ini.c) reads each file against the section registry
 * (conf.c); every area declares its own sections in its <area>_conf.c.
 * A file is loaded once however many instances use its model.  Every
 * problem goes to the caller's diagnostics with its file and line, and
 * loading goes on to find the next one; the load fails at the end.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "config.h"
#include "ct.h"
#include "err.h"
#include "ipmimsg.h"

#define CONFIG_FILE_MAX	  (16u << 20) /* bytes of one file */
#define CONFIG_NAME_WIDTH 4	      /* fleet members: NAME-0001 */

/* One file, loaded once however many instances use its model. */
struct source {
	char	     *path; /* as shown in messages; config->files owns it */
	char	     *real; /* canonical name; NULL: text in memory */
	struct model *model;
};

struct loader {
	struct config		 *cfg;
	struct config_diag	 *diag;
	unsigned		  problems;
	int			  system_error;
	int			  nomem;
	unsigned		  flags; /* INI_NO_FILES: loading from memory */
	struct source		**srcs;
	size_t			  nsrcs;
	struct instance_conf_list inst;	   /* the instance sections */
	size_t			 *decl_of; /* per instance: its section */
};

static void loader_error(struct loader *ld, const char *file, unsigned line,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
loader_error(
    struct loader *ld, const char *file, unsigned line, const char *fmt, ...)
{
	char	msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ld->problems++;
	config_diag_add(ld->diag, file, line, "%s", msg);
}

int
config_parse_endpoint(const char *s, char *host, size_t hostlen, uint16_t *port)
{
	const char *why;

	return ini_endpoint_parse(
		   s, host, hostlen, port, CONFIG_DEFAULT_PORT, &why) == 0
	    ? 0
	    : ERR_CONFIG;
}

/* ---- files ---- */

/*
 * Reads one file's text into src->model (and instance sections if main).
 * The text is read whole into a buffer that is wiped after: it may hold
 * passwords.
 */
static void
source_parse(struct loader *ld, size_t index, const char *text, size_t len)
{
	struct instance_conf_file p = {&ld->inst, index, index == 0};

	ld->problems += ini_load(ld->srcs[index]->path, text, len,
	    conf_sections, ld->srcs[index]->model, &p, ld->flags, ld->diag,
	    &ld->nomem);
}

static void
source_read(struct loader *ld, size_t index)
{
	const char *path = ld->srcs[index]->path;
	FILE	   *fp;
	char	   *text = NULL, iobuf[4096];
	size_t	    len = 0, cap = 0, n;
	int	    saved;

	if ((fp = fopen(path, "r")) == NULL) {
		loader_error(
		    ld, NULL, 0, "cannot open %s: %s", path, strerror(errno));
		ld->system_error = 1;
		return;
	}
	/* Our buffer, so that what stdio read of passwords can be wiped. */
	setvbuf(fp, iobuf, _IOFBF, sizeof(iobuf));
	for (;;) {
		if (len == cap) {
			char *t = cap < CONFIG_FILE_MAX ? malloc(cap + 8192)
							: NULL;

			if (t == NULL) {
				ld->nomem = cap < CONFIG_FILE_MAX;
				if (!ld->nomem)
					loader_error(ld, path, 0,
					    "larger than %u bytes",
					    CONFIG_FILE_MAX);
				goto out;
			}
			if (text != NULL) {
				memcpy(t, text, len);
				ct_wipe(text, cap);
			}
			free(text);
			text = t;
			cap += 8192;
		}
		if ((n = fread(text + len, 1, cap - len, fp)) == 0)
			break;
		len += n;
	}
	if (ferror(fp)) {
		saved = errno;
		loader_error(ld, path, 0, "read error: %s", strerror(saved));
		ld->system_error = 1;
	}
	source_parse(ld, index, text != NULL ? text : "", len);
out:
	fclose(fp);
	ct_wipe(iobuf, sizeof(iobuf));
	if (text != NULL)
		ct_wipe(text, cap);
	free(text);
}

/* A new source for path (real: its canonical name, taken); -1 if no memory. */
static long
source_add(struct loader *ld, const char *path, char *real)
{
	struct source *s, **srcs;
	struct model  *m;

	s = calloc(1, sizeof(*s));
	m = calloc(1, sizeof(*m));
	srcs = realloc(ld->srcs, (ld->nsrcs + 1) * sizeof(*srcs));
	if (srcs != NULL)
		ld->srcs = srcs;
	if (m != NULL)
		model_defaults(m);
	if (s == NULL || m == NULL || srcs == NULL ||
	    (s->path = strdup(path)) == NULL ||
	    (m->source = strdup(path)) == NULL) {
		if (s != NULL)
			free(s->path);
		free(s);
		free(m);
		free(real);
		ld->nomem = 1;
		return -1;
	}
	s->real = real;
	s->model = m;
	ld->srcs[ld->nsrcs++] = s;
	return (long)(ld->nsrcs - 1);
}

/*
 * The source for path, loaded on first use.  The index, or -1 (said in
 * diag, at file:line when another file names it).
 */
static long
source_get(struct loader *ld, const char *path, const char *ref_file,
    unsigned ref_line)
{
	char  *real;
	size_t i;
	long   index;

	if ((real = realpath(path, NULL)) == NULL) {
		if (ref_file != NULL)
			loader_error(ld, ref_file, ref_line,
			    "model = %s: cannot open: %s", path,
			    strerror(errno));
		else
			loader_error(ld, NULL, 0, "cannot open %s: %s", path,
			    strerror(errno));
		ld->system_error = 1;
		return -1;
	}
	for (i = 0; i < ld->nsrcs; i++) {
		if (ld->srcs[i]->real != NULL &&
		    strcmp(ld->srcs[i]->real, real) == 0) {
			free(real);
			return (long)i;
		}
	}
	if ((index = source_add(ld, path, real)) >= 0)
		source_read(ld, (size_t)index);
	return index;
}

/* ---- instances ---- */

static unsigned
digits(uint32_t n)
{
	unsigned d = 1;

	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

static void
bmc_guids(struct config_bmc *b, const struct instance_conf *d, const char *kind,
    uint64_t add)
{
	const struct model_identity *id = &b->model->identity;

	if (d->has_system_guid) {
		memcpy(b->system_guid, d->system_guid, MODEL_GUID_LEN);
		identity_conf_guid_add(b->system_guid, add);
	} else if (!d->fleet && id->has_system_guid) {
		memcpy(b->system_guid, id->system_guid, MODEL_GUID_LEN);
	} else {
		identity_conf_guid_derive(b->system_guid, kind, d->name, 0);
		identity_conf_guid_add(b->system_guid, d->fleet ? b->index : 0);
	}
	if (d->has_device_guid) {
		memcpy(b->device_guid, d->device_guid, MODEL_GUID_LEN);
		identity_conf_guid_add(b->device_guid, add);
	} else if (!d->fleet && id->has_device_guid) {
		memcpy(b->device_guid, id->device_guid, MODEL_GUID_LEN);
	} else {
		identity_conf_guid_derive(b->device_guid, kind, d->name, 1);
		identity_conf_guid_add(b->device_guid, d->fleet ? b->index : 0);
	}
}

/* Turns the instance sections into config->bmcs. */
static void
instances_expand(struct loader *ld)
{
	struct config	     *cfg = ld->cfg;
	const char	     *path = cfg->files[0];
	struct instance_conf *d;
	struct config_bmc    *b;
	uint64_t	      total = 0;
	uint32_t	      i, v4;
	uint8_t		      family, addr[16];
	unsigned	      width;
	size_t		      k, n = 0;

	for (k = 0; k < ld->inst.n; k++)
		total += ld->inst.v[k].fleet ? ld->inst.v[k].count : 1;
	if (total > CONFIG_INSTANCES_MAX) {
		loader_error(ld, path, 0, "%llu BMC instances; at most %d",
		    (unsigned long long)total, CONFIG_INSTANCES_MAX);
		return;
	}
	cfg->bmcs = calloc((size_t)total, sizeof(*cfg->bmcs));
	ld->decl_of = calloc((size_t)total, sizeof(*ld->decl_of));
	if (total > 0 && (cfg->bmcs == NULL || ld->decl_of == NULL)) {
		ld->nomem = 1;
		return;
	}
	for (k = 0; k < ld->inst.n; k++) {
		d = &ld->inst.v[k];
		ini_addr_parse(d->host, &family, addr);
		v4 = (uint32_t)addr[0] << 24 | (uint32_t)addr[1] << 16 |
		    (uint32_t)addr[2] << 8 | addr[3];
		if (d->fleet && !d->step_address &&
		    (d->port == 0 ||
			d->port + (uint64_t)d->count - 1 > 65535)) {
			loader_error(ld, path, d->line,
			    "[fleet %s]: ports %u to %llu do not fit in 1 to "
			    "65535",
			    d->name, d->port,
			    (unsigned long long)d->port + d->count - 1);
			continue;
		}
		/* Only 127.0.0.0/8 is all this host's without setup. */
		if (d->fleet && d->step_address &&
		    (family != 4 || addr[0] != 127 || v4 == 0x7f000000u ||
			v4 + (uint64_t)d->count - 1 > 0x7ffffffeu)) {
			loader_error(ld, path, d->line,
			    "[fleet %s]: step = address needs %u IPv4 "
			    "addresses within 127.0.0.1 to 127.255.255.254 "
			    "from %s",
			    d->name, d->count, d->host);
			continue;
		}
		width = digits(d->count);
		if (width < CONFIG_NAME_WIDTH)
			width = CONFIG_NAME_WIDTH;
		for (i = 0; i < (d->fleet ? d->count : 1); i++) {
			b = &cfg->bmcs[n];
			ld->decl_of[n++] = k;
			b->model = cfg->models[d->src];
			b->file = path;
			b->line = d->line;
			if (!d->fleet) {
				snprintf(
				    b->name, sizeof(b->name), "%s", d->name);
				memcpy(b->host, d->host, sizeof(b->host));
				b->port = d->port;
				bmc_guids(b, d, "bmc", 0);
				memcpy(b->labels, d->labels, sizeof(b->labels));
				continue;
			}
			b->index = i + 1;
			/* Fits: section_begin() left room for the digits. */
			if (snprintf(b->name, sizeof(b->name), "%s-%0*u",
				d->name, (int)width,
				b->index) >= (int)sizeof(b->name))
				b->name[0] = '\0';
			if (d->step_address) {
				snprintf(b->host, sizeof(b->host),
				    "%u.%u.%u.%u", (v4 + i) >> 24,
				    (v4 + i) >> 16 & 0xff, (v4 + i) >> 8 & 0xff,
				    (v4 + i) & 0xff);
				b->port = d->port;
			} else {
				memcpy(b->host, d->host, sizeof(b->host));
				b->port = (uint16_t)(d->port + i);
			}
			bmc_guids(b, d, "fleet", i);
			memcpy(b->labels, d->labels, sizeof(b->labels));
		}
	}
	cfg->nbmcs = n;
}

struct name_ref {
	const char *name;
	size_t	    index;
};

static int
name_ref_cmp(const void *a, const void *b)
{
	const struct name_ref *x = a, *y = b;
	int		       c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Sorts the names for config_find_bmc() and refuses duplicates. */
static void
names_index(struct loader *ld)
{
	struct config	*cfg = ld->cfg;
	struct name_ref *refs;
	size_t		 i;

	if (cfg->nbmcs == 0)
		return;
	refs = calloc(cfg->nbmcs, sizeof(*refs));
	cfg->by_name = calloc(cfg->nbmcs, sizeof(*cfg->by_name));
	if (refs == NULL || cfg->by_name == NULL) {
		free(refs);
		ld->nomem = 1;
		return;
	}
	for (i = 0; i < cfg->nbmcs; i++) {
		refs[i].name = cfg->bmcs[i].name;
		refs[i].index = i;
	}
	qsort(refs, cfg->nbmcs, sizeof(*refs), name_ref_cmp);
	for (i = 0; i < cfg->nbmcs; i++) {
		cfg->by_name[i] = refs[i].index;
		if (i > 0 && strcmp(refs[i].name, refs[i - 1].name) == 0)
			loader_error(ld, cfg->files[0],
			    cfg->bmcs[refs[i].index].line,
			    "instance name %s is already used by the section "
			    "at line %u",
			    refs[i].name, cfg->bmcs[refs[i - 1].index].line);
	}
	free(refs);
}

struct endpoint_ref {
	uint16_t port;
	uint8_t	 family;
	uint8_t	 addr[16];
	size_t	 index;
};

static int
endpoint_ref_cmp(const void *a, const void *b)
{
	const struct endpoint_ref *x = a, *y = b;
	int			   c;

	if (x->port != y->port)
		return x->port < y->port ? -1 : 1;
	if (x->family != y->family)
		return x->family < y->family ? -1 : 1;
	if ((c = memcmp(x->addr, y->addr, 16)) != 0)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int
addr_is_any(const struct endpoint_ref *e)
{
	static const uint8_t zero[16];

	return memcmp(e->addr, zero, 16) == 0;
}

static void
overlap_report(
    struct loader *ld, size_t a, size_t b, size_t *pairs, size_t *npairs)
{
	const struct config_bmc *x = &ld->cfg->bmcs[a], *y = &ld->cfg->bmcs[b];
	size_t			 da = ld->decl_of[a], db = ld->decl_of[b], i;

	/* One message per pair of sections: fleets overlap by hundreds. */
	for (i = 0; i < *npairs; i++)
		if (pairs[2 * i] == da && pairs[2 * i + 1] == db)
			return;
	if (*npairs < CONFIG_DIAG_MAX) {
		pairs[2 * *npairs] = da;
		pairs[2 * *npairs + 1] = db;
		(*npairs)++;
	}
	loader_error(ld, ld->cfg->files[0], y->line,
	    "%s listens on %s%s%s:%u, which overlaps %s on %s%s%s:%u (line %u)",
	    y->name, strchr(y->host, ':') ? "[" : "", y->host,
	    strchr(y->host, ':') ? "]" : "", y->port, x->name,
	    strchr(x->host, ':') ? "[" : "", x->host,
	    strchr(x->host, ':') ? "]" : "", x->port, x->line);
}

/*
 * Two instances overlap on the same port when their addresses are equal,
 * or one is 0.0.0.0 and the other IPv4, or one is [::] (which takes IPv4
 * too on a dual-stack socket).  Port 0 lets the system choose: never.
 */
static void
endpoints_check(struct loader *ld)
{
	struct config	    *cfg = ld->cfg;
	struct endpoint_ref *e;
	size_t		     i, j, start, any4, any6, npairs = 0;
	size_t		    *pairs;
	const size_t	     none = (size_t)-1;

	if (cfg->nbmcs < 2 || ld->decl_of == NULL)
		return;
	e = calloc(cfg->nbmcs, sizeof(*e));
	pairs = calloc(2 * CONFIG_DIAG_MAX, sizeof(*pairs));
	if (e == NULL || pairs == NULL) {
		free(e);
		free(pairs);
		ld->nomem = 1;
		return;
	}
	for (i = 0; i < cfg->nbmcs; i++) {
		e[i].port = cfg->bmcs[i].port;
		ini_addr_parse(cfg->bmcs[i].host, &e[i].family, e[i].addr);
		e[i].index = i;
	}
	qsort(e, cfg->nbmcs, sizeof(*e), endpoint_ref_cmp);
	for (start = 0; start < cfg->nbmcs; start = j) {
		for (j = start; j < cfg->nbmcs && e[j].port == e[start].port;
		     j++)
			;
		if (e[start].port == 0)
			continue;
		any4 = any6 = none;
		for (i = start; i < j; i++) {
			if (i > start && e[i].family == e[i - 1].family &&
			    memcmp(e[i].addr, e[i - 1].addr, 16) == 0) {
				overlap_report(ld, e[i - 1].index, e[i].index,
				    pairs, &npairs);
				continue;
			}
			if (addr_is_any(&e[i])) {
				if (e[i].family == 4)
					any4 = i;
				else
					any6 = i;
			}
		}
		for (i = start; i < j; i++) {
			if (any4 != none && i != any4 && e[i].family == 4 &&
			    !addr_is_any(&e[i]))
				overlap_report(ld, e[any4].index, e[i].index,
				    pairs, &npairs);
			if (any6 != none && i != any6 &&
			    !(e[i].family == 6 && addr_is_any(&e[i])))
				overlap_report(ld, e[any6].index, e[i].index,
				    pairs, &npairs);
		}
	}
	free(e);
	free(pairs);
}

/* The implicit BMC is named after its file: "lab" for lab.ini. */
static void
implicit_name(const char *path, char *out, size_t cap)
{
	const char *base = strrchr(path, '/');
	size_t	    n = 0;

	base = base != NULL ? base + 1 : path;
	for (; *base != '\0' && *base != '.' && n + 1 < cap; base++)
		out[n++] = isalnum((unsigned char)*base) || *base == '_' ||
			*base == '-'
		    ? *base
		    : '_';
	out[n] = '\0';
	if (n == 0)
		snprintf(out, cap, "bmc");
}

/*
 * The common end of config_load() and config_load_text(): the model files
 * the instances name, then the instances.
 */
static int
load_finish(struct loader *ld, const char *path, struct config **out)
{
	struct config	     *cfg = ld->cfg;
	struct instance_conf *d;
	size_t		      i;
	long		      src;
	int		      rc = 0;

	for (i = 0; ld->nsrcs > 0 && i < ld->inst.n; i++) {
		d = &ld->inst.v[i];
		if (d->model_path == NULL)
			continue;
		src = source_get(
		    ld, d->model_path, ld->srcs[0]->path, d->model_line);
		if (src >= 0)
			d->src = (size_t)src;
	}
	if (ld->nsrcs == 0)
		goto done;
	/* config->files and config->models take over the sources. */
	cfg->files = calloc(ld->nsrcs, sizeof(*cfg->files));
	cfg->models = calloc(ld->nsrcs, sizeof(*cfg->models));
	if (cfg->files == NULL || cfg->models == NULL) {
		ld->nomem = 1;
		goto done;
	}
	for (i = 0; i < ld->nsrcs; i++) {
		cfg->files[i] = ld->srcs[i]->path;
		cfg->models[i] = ld->srcs[i]->model;
		ld->srcs[i]->path = NULL;
		ld->srcs[i]->model = NULL;
	}
	cfg->nfiles = cfg->nmodels = ld->nsrcs;
	if (ld->inst.n == 0) {
		cfg->implicit = 1;
		if ((ld->inst.v = calloc(1, sizeof(*ld->inst.v))) == NULL) {
			ld->nomem = 1;
			goto done;
		}
		d = &ld->inst.v[0];
		ld->inst.n = 1;
		implicit_name(path, d->name, sizeof(d->name));
		snprintf(d->host, sizeof(d->host), "%s", CONFIG_DEFAULT_HOST);
		d->port = CONFIG_DEFAULT_PORT;
		d->count = 1;
	}
	if (ld->problems == 0)
		instances_expand(ld);
	if (ld->problems == 0)
		names_index(ld);
	if (ld->problems == 0)
		endpoints_check(ld);
done:
	for (i = 0; i < ld->nsrcs; i++) {
		if (ld->srcs[i]->model != NULL) {
			free(ld->srcs[i]->model->source);
			ct_wipe(ld->srcs[i]->model, sizeof(struct model));
		}
		free(ld->srcs[i]->model);
		free(ld->srcs[i]->path);
		free(ld->srcs[i]->real);
		free(ld->srcs[i]);
	}
	free(ld->srcs);
	for (i = 0; i < ld->inst.n; i++)
		free(ld->inst.v[i].model_path);
	free(ld->inst.v);
	free(ld->decl_of);
	if (ld->nomem)
		rc = ERR_NOMEM;
	else if (ld->system_error)
		rc = ERR_SYSTEM;
	else if (ld->problems > 0)
		rc = ERR_CONFIG;
	if (rc != 0) {
		config_free(cfg);
		return rc;
	}
	*out = cfg;
	return 0;
}

static int
load_start(struct loader *ld, const char *path, struct config_diag *diag)
{
	memset(ld, 0, sizeof(*ld));
	ld->diag = diag;
	if ((ld->cfg = calloc(1, sizeof(*ld->cfg))) == NULL ||
	    (ld->cfg->path = strdup(path)) == NULL) {
		free(ld->cfg);
		return ERR_NOMEM;
	}
	return 0;
}

int
config_load(const char *path, struct config **out, struct config_diag *diag)
{
	struct loader ld;

	*out = NULL;
	if (load_start(&ld, path, diag) != 0)
		return ERR_NOMEM;
	source_get(&ld, path, NULL, 0);
	return load_finish(&ld, path, out);
}

int
config_load_text(const char *name, const char *text, size_t len,
    struct config **out, struct config_diag *diag)
{
	struct loader ld;
	long	      index;

	*out = NULL;
	if (load_start(&ld, name, diag) != 0)
		return ERR_NOMEM;
	ld.flags = INI_NO_FILES;
	/* No canonical name: text, not a file, which nothing can name. */
	if ((index = source_add(&ld, name, NULL)) >= 0)
		source_parse(&ld, (size_t)index, text, len);
	return load_finish(&ld, name, out);
}

void
config_free(struct config *cfg)
{
	size_t i;

	if (cfg == NULL)
		return;
	for (i = 0; i < cfg->nmodels; i++) {
		if (cfg->models[i] == NULL)
			continue;
		free(cfg->models[i]->source);
		/* Passwords and K_G. */
		ct_wipe(cfg->models[i], sizeof(*cfg->models[i]));
		free(cfg->models[i]);
	}
	free(cfg->models);
	for (i = 0; i < cfg->nfiles; i++)
		free(cfg->files[i]);
	free(cfg->files);
	free(cfg->bmcs);
	free(cfg->by_name);
	free(cfg->path);
	free(cfg);
}

int
config_set_listen(struct config *cfg, const char *s, struct config_diag *diag)
{
	struct config_bmc *b;
	const char	  *why;
	char		   host[CONFIG_HOST_MAX];
	uint16_t	   port;

	if (cfg->nbmcs != 1) {
		config_diag_add(diag, NULL, 0,
		    "--listen %s: the configuration has %zu BMCs; give each "
		    "its listen in the file",
		    s, cfg->nbmcs);
		return ERR_CONFIG;
	}
	if (ini_endpoint_parse(
		s, host, sizeof(host), &port, CONFIG_DEFAULT_PORT, &why) != 0) {
		config_diag_add(diag, NULL, 0, "--listen %s: %s", s, why);
		return ERR_CONFIG;
	}
	b = &cfg->bmcs[0];
	memcpy(b->host, host, sizeof(b->host));
	b->port = port;
	return 0;
}

/*
 * BMCSIM_USER and BMCSIM_PASSWORD: user ID 2 of every model, the first
 * one after the null user, made an enabled administrator with this name
 * and password (a container's credentials, from a Kubernetes Secret).
 */
int
config_set_admin(struct config *cfg, const char *name, const char *password,
    struct config_diag *diag)
{
	struct model_user *u;
	size_t		   nl = strlen(name), pl = strlen(password), i;

	if (nl == 0 || nl > MODEL_NAME_LEN || pl > MODEL_PASSWORD_LEN) {
		/* The password is a secret: its length only. */
		config_diag_add(diag, NULL, 0,
		    "the administrator's name must be 1 to %d bytes (is %zu) "
		    "and password at most %d (is %zu)",
		    MODEL_NAME_LEN, nl, MODEL_PASSWORD_LEN, pl);
		return ERR_CONFIG;
	}
	for (i = 0; i < cfg->nmodels; i++) {
		u = &cfg->models[i]->users[2];
		ct_wipe(u, sizeof(*u));
		u->defined = 1;
		u->enabled = 1;
		u->priv_limit = IPMI_PRIV_ADMIN;
		u->ipmi_messaging = 1;
		u->name_len = (uint8_t)nl;
		memcpy(u->name, name, nl);
		memcpy(u->password, password, pl);
		/* IPMI 2.0 §22.30: over 16 bytes only the 20-byte form. */
		u->password20 = pl > 16;
	}
	return 0;
}

/*
 * --fleet: the file's one BMC made count BMCs, named and numbered as
 * "[fleet NAME]" would make them (NAME-0001 on the BMC's port, then
 * the next ports), so a container sizes a fleet by its environment.
 */
int
config_set_fleet(struct config *cfg, unsigned count, struct config_diag *diag)
{
	struct config_bmc *v, base;
	size_t		  *by_name;
	unsigned	   i, width;
	char		   stem[CONFIG_NAME_MAX];

	if (cfg->nbmcs != 1) {
		config_diag_add(diag, NULL, 0,
		    "--fleet %u: the configuration has %zu BMCs; a fleet is "
		    "made from one",
		    count, cfg->nbmcs);
		return ERR_CONFIG;
	}
	base = cfg->bmcs[0];
	if (count == 0 || count > CONFIG_INSTANCES_MAX || base.port == 0 ||
	    base.port + (uint64_t)count - 1 > 65535) {
		config_diag_add(diag, NULL, 0,
		    "--fleet %u: needs 1 to %d BMCs on ports %u to %llu, "
		    "within 1 to 65535",
		    count, CONFIG_INSTANCES_MAX, base.port,
		    (unsigned long long)base.port + count - 1);
		return ERR_CONFIG;
	}
	width = digits(count);
	if (width < CONFIG_NAME_WIDTH)
		width = CONFIG_NAME_WIDTH;
	/* Room for "-" and the digits, as section_begin() leaves it. */
	snprintf(stem, sizeof(stem), "%.*s", (int)(sizeof(stem) - 2 - width),
	    base.name);
	v = calloc(count, sizeof(*v));
	by_name = calloc(count, sizeof(*by_name));
	if (v == NULL || by_name == NULL) {
		free(v);
		free(by_name);
		return ERR_NOMEM;
	}
	for (i = 0; i < count; i++) {
		v[i] = base;
		v[i].index = i + 1;
		/* Fits: the stem left room for the digits. */
		if (snprintf(v[i].name, sizeof(v[i].name), "%s-%0*u", stem,
			(int)width, i + 1) >= (int)sizeof(v[i].name))
			v[i].name[0] = '\0';
		v[i].port = (uint16_t)(base.port + i);
		identity_conf_guid_derive(v[i].system_guid, "fleet", stem, 0);
		identity_conf_guid_add(v[i].system_guid, i + 1);
		identity_conf_guid_derive(v[i].device_guid, "fleet", stem, 1);
		identity_conf_guid_add(v[i].device_guid, i + 1);
		/* Zero-padded numbers after one stem sort as they count. */
		by_name[i] = i;
	}
	free(cfg->bmcs);
	free(cfg->by_name);
	cfg->bmcs = v;
	cfg->by_name = by_name;
	cfg->nbmcs = count;
	return 0;
}

/*
 * --shard: keeps the index-th of count equal runs of the BMCs in file
 * order, so count daemons started with 0 to count-1 serve every BMC once
 * (a Kubernetes StatefulSet's pod ordinal picks its run).
 */
int
config_select_shard(struct config *cfg, unsigned index, unsigned count,
    struct config_diag *diag)
{
	size_t lo, hi, i, k = 0;

	if (count == 0 || index >= count) {
		config_diag_add(diag, NULL, 0,
		    "--shard %u/%u: the shard must be 0 to %u", index, count,
		    count == 0 ? 0 : count - 1);
		return ERR_CONFIG;
	}
	lo = cfg->nbmcs * (uint64_t)index / count;
	hi = cfg->nbmcs * (uint64_t)(index + 1) / count;
	if (lo == hi) {
		config_diag_add(diag, NULL, 0,
		    "--shard %u/%u: %zu BMCs leave this shard none", index,
		    count, cfg->nbmcs);
		return ERR_CONFIG;
	}
	memmove(cfg->bmcs, cfg->bmcs + lo, (hi - lo) * sizeof(*cfg->bmcs));
	/* The name order of the kept ones, renumbered. */
	for (i = 0; cfg->by_name != NULL && i < cfg->nbmcs; i++)
		if (cfg->by_name[i] >= lo && cfg->by_name[i] < hi)
			cfg->by_name[k++] = cfg->by_name[i] - lo;
	cfg->nbmcs = hi - lo;
	return 0;
}

const struct config_bmc *
config_find_bmc(const struct config *cfg, const char *name)
{
	size_t lo = 0, hi = cfg->nbmcs, mid, i;
	int    c;

	if (cfg->by_name == NULL) {
		for (i = 0; i < cfg->nbmcs; i++)
			if (strcmp(cfg->bmcs[i].name, name) == 0)
				return &cfg->bmcs[i];
		return NULL;
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(name, cfg->bmcs[cfg->by_name[mid]].name);
		if (c == 0)
			return &cfg->bmcs[cfg->by_name[mid]];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

int
config_bmc_equal(const struct config_bmc *a, const struct config_bmc *b)
{
	if (strcmp(a->name, b->name) != 0 || strcmp(a->host, b->host) != 0 ||
	    a->port != b->port || a->index != b->index ||
	    memcmp(a->system_guid, b->system_guid, MODEL_GUID_LEN) != 0 ||
	    memcmp(a->device_guid, b->device_guid, MODEL_GUID_LEN) != 0 ||
	    strcmp(a->labels, b->labels) != 0)
		return 0;
	if (a->model == b->model)
		return 1;
	return a->model != NULL && b->model != NULL &&
	    model_equal(a->model, b->model);
}

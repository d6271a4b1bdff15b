#include <stdio.h>

#include "log.h"

static void
log_stderr_cb(void *, enum log_level, const char *, const char *, const char *);

static log_sink_cb   *log_sink = log_stderr_cb;
static void	     *log_sink_arg;
static enum log_level log_max_level = LOG_LEVEL_INFO;
static const char    *log_context;

static const char *const log_level_names[] = {
    "error", "info", "session", "packet", "trace"};

const char *
log_level_name(enum log_level level)
{
	if ((unsigned)level > LOG_LEVEL_TRACE)
		return "?";
	return log_level_names[level];
}

static void
log_stderr_cb(void *arg, enum log_level level, const char *origin,
    const char *func, const char *msg)
{
	(void)arg;
	(void)func;
	if (origin != NULL)
		fprintf(stderr, "%s: [%s] %s\n", log_level_name(level), origin,
		    msg);
	else
		fprintf(stderr, "%s: %s\n", log_level_name(level), msg);
}

void
log_set_sink(log_sink_cb *cb, void *arg)
{
	log_sink = cb != NULL ? cb : log_stderr_cb;
	log_sink_arg = arg;
}

void
log_set_context(const char *origin)
{
	log_context = origin;
}

void
log_set_level(enum log_level level)
{
	if (level > LOG_LEVEL_TRACE)
		level = LOG_LEVEL_TRACE;
	log_max_level = level;
}

enum log_level
log_get_level(void)
{
	return log_max_level;
}

int
log_enabled(enum log_level level)
{
	return level <= log_max_level;
}

/*
 * Every line may carry bytes a peer chose (a user name, a describer's
 * summary): each one outside printable ASCII is written as \xNN, so no
 * line can forge another or reach a terminal as an escape sequence.
 * Multi-line trace dumps keep their newlines; the describer that writes
 * them escapes what it prints of a peer's bytes itself.
 */
size_t
log_escape(char *out, size_t cap, const char *in, int keep_newlines)
{
	static const char    hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)in;
	size_t		     n = 0;

	if (cap == 0)
		return 0;
	for (; *p != '\0'; p++) {
		if ((*p >= 0x20 && *p < 0x7f) ||
		    (*p == '\n' && keep_newlines)) {
			if (n + 1 >= cap)
				break;
			out[n++] = (char)*p;
			continue;
		}
		if (n + 4 >= cap)
			break;
		out[n++] = '\\';
		out[n++] = 'x';
		out[n++] = hex[*p >> 4];
		out[n++] = hex[*p & 0x0f];
	}
	out[n] = '\0';
	return n;
}

void
log_vmsg(enum log_level level, const char *origin, const char *func,
    const char *fmt, va_list ap)
{
	char msg[1024], safe[4 * sizeof(msg)];

	if (!log_enabled(level))
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	log_escape(safe, sizeof(safe), msg, level == LOG_LEVEL_TRACE);
	log_sink(log_sink_arg, level, origin != NULL ? origin : log_context,
	    func, safe);
}

void
log_msg(enum log_level level, const char *origin, const char *func,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(level, origin, func, fmt, ap);
	va_end(ap);
}

int
log_ratelimit_allow(struct log_ratelimit *rl, uint64_t now_ms, uint32_t burst,
    uint64_t window_ms, uint32_t *suppressed)
{
	if (suppressed != NULL)
		*suppressed = 0;
	if (now_ms - rl->window_start_ms >= window_ms ||
	    now_ms < rl->window_start_ms) {
		if (suppressed != NULL)
			*suppressed = rl->suppressed;
		rl->window_start_ms = now_ms;
		rl->count = 0;
		rl->suppressed = 0;
	}
	if (rl->count >= burst) {
		rl->suppressed++;
		return 0;
	}
	rl->count++;
	return 1;
}

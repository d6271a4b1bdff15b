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

void
log_vmsg(enum log_level level, const char *origin, const char *func,
    const char *fmt, va_list ap)
{
	char msg[1024];

	if (!log_enabled(level))
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	log_sink(log_sink_arg, level, origin != NULL ? origin : log_context,
	    func, msg);
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

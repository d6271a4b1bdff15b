/*
 * Levelled logging.  The library layers only format messages; where they go
 * (and the timestamp in front of them) is the business of the program, which
 * installs a sink.  The default sink writes to stderr.
 */
#ifndef BMCSIM_LOG_H
#define BMCSIM_LOG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

enum log_level {
	LOG_LEVEL_ERROR = 0, /* something failed that a user must see */
	LOG_LEVEL_INFO,	     /* start, stop, configuration, summaries */
	LOG_LEVEL_SESSION,   /* session opened, closed, refused, expired */
	LOG_LEVEL_PACKET,    /* one line per datagram in and out */
	LOG_LEVEL_TRACE	     /* every field of every datagram */
};

/* Receives one formatted message; origin may be NULL. */
typedef void log_sink_cb(void *, enum log_level, const char *origin,
    const char *func, const char *msg);

void log_set_sink(log_sink_cb *, void *);
void log_set_level(enum log_level);
/*
 * The origin given to the sink for messages logged without one: the
 * server sets it to the BMC it is serving, so that the layers below, which
 * know nothing of instances, still log under the BMC's name.  NULL: none.
 * The string must stay valid until the context is changed.
 */
void	       log_set_context(const char *);
enum log_level log_get_level(void);
int	       log_enabled(enum log_level);
const char    *log_level_name(enum log_level);
void	       log_msg(enum log_level, const char *origin, const char *func,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void	       log_vmsg(enum log_level, const char *origin, const char *func,
	      const char *fmt, va_list) __attribute__((format(printf, 4, 0)));

#define log_error(...) log_msg(LOG_LEVEL_ERROR, NULL, __func__, __VA_ARGS__)
#define log_info(...)  log_msg(LOG_LEVEL_INFO, NULL, __func__, __VA_ARGS__)
#define log_session(...) \
	do { \
		if (log_enabled(LOG_LEVEL_SESSION)) \
			log_msg( \
			    LOG_LEVEL_SESSION, NULL, __func__, __VA_ARGS__); \
	} while (0)
#define log_packet(...) \
	do { \
		if (log_enabled(LOG_LEVEL_PACKET)) \
			log_msg( \
			    LOG_LEVEL_PACKET, NULL, __func__, __VA_ARGS__); \
	} while (0)
#define log_trace(...) \
	do { \
		if (log_enabled(LOG_LEVEL_TRACE)) \
			log_msg(LOG_LEVEL_TRACE, NULL, __func__, __VA_ARGS__); \
	} while (0)

/*
 * Copies the string in to out (cap bytes, always terminated) with every
 * byte outside printable ASCII written as \xNN; newlines are kept when
 * keep_newlines is set.  log_msg() does this to every message.  Returns
 * the length written.
 */
size_t log_escape(char *out, size_t cap, const char *in, int keep_newlines);

/*
 * A token bucket for messages a remote peer can trigger: at most burst
 * messages per window; the caller supplies the time.
 */
struct log_ratelimit {
	uint64_t window_start_ms;
	uint32_t count;
	uint32_t suppressed;
};

/*
 * Returns 1 if a message may be logged now.  When a new window opens after
 * suppression, *suppressed (if not NULL) receives how many were dropped.
 */
int log_ratelimit_allow(struct log_ratelimit *, uint64_t now_ms, uint32_t burst,
    uint64_t window_ms, uint32_t *suppressed);

#endif

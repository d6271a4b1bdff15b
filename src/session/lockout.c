/*
 * Login lockout: per-user failure counts and lockout ends, taken on the
 * first failure that counts.
 */
#include <stdlib.h>

#include "ct.h"
#include "lockout.h"

struct lockout_user {
	uint8_t	 failures; /* in a row, since the last success or lockout */
	uint64_t until_ms; /* locked while now < until_ms */
};

struct lockout {
	uint8_t		     threshold; /* 0: never lock out */
	uint32_t	     duration_ms;
	struct lockout_user *users; /* [LOCKOUT_USERS_MAX + 1], or NULL */
};

struct lockout *
lockout_new(void)
{
	return calloc(1, sizeof(struct lockout));
}

void
lockout_free(struct lockout *l)
{
	if (l == NULL)
		return;
	free(l->users);
	ct_wipe(l, sizeof(*l));
	free(l);
}

void
lockout_set_policy(struct lockout *l, uint8_t threshold, uint32_t duration_ms)
{
	l->threshold = threshold;
	l->duration_ms = duration_ms;
}

int
lockout_is_locked(const struct lockout *l, uint8_t user_id, uint64_t now_ms)
{
	if (l->users == NULL || user_id > LOCKOUT_USERS_MAX)
		return 0;
	return l->users[user_id].until_ms > now_ms;
}

int
lockout_record_failure(struct lockout *l, uint8_t user_id, uint64_t now_ms)
{
	struct lockout_user *u;

	/* ID 0 is no user: an unknown name has nobody to lock out. */
	if (l->threshold == 0 || user_id == 0 || user_id > LOCKOUT_USERS_MAX)
		return 0;
	if (l->users == NULL &&
	    (l->users = calloc(LOCKOUT_USERS_MAX + 1, sizeof(*l->users))) ==
		NULL)
		return 0;
	u = &l->users[user_id];
	if (++u->failures < l->threshold)
		return 0;
	u->failures = 0;
	u->until_ms = now_ms + l->duration_ms;
	return 1;
}

void
lockout_record_success(struct lockout *l, uint8_t user_id)
{
	if (l->users != NULL && user_id <= LOCKOUT_USERS_MAX)
		l->users[user_id].failures = 0;
}

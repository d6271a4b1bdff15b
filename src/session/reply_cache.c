/*
 * The reply cache of one session.  Lookups compare the cheap fields
 * first: the hash is computed once per request by the caller.
 */
#include <string.h>

#include "ct.h"
#include "err.h"
#include "fnv.h"
#include "reply_cache.h"

uint32_t
reply_cache_hash(const struct ipmi_req *req)
{
	return fnv1a32(FNV1A32_INIT, req->data, req->data_len);
}

int
reply_cache_is_retry(
    const struct reply_cache *c, const struct ipmi_req *req, uint32_t hash)
{
	return c->kind == REPLY_CACHE_RESPONSE && c->rq_seq == req->rq_seq &&
	    c->netfn == req->netfn && c->cmd == req->cmd &&
	    c->rq_addr == req->rq_addr && c->req_hash == hash;
}

int
reply_cache_holds_response(
    const struct reply_cache *c, uint8_t netfn, uint8_t cmd)
{
	return c->kind == REPLY_CACHE_RESPONSE && c->netfn == netfn &&
	    c->cmd == cmd;
}

int
reply_cache_put_response(struct reply_cache *c, const struct ipmi_req *req,
    uint32_t hash, const uint8_t *msg, size_t len, const uint8_t *followup,
    size_t followup_len)
{
	c->kind = REPLY_CACHE_NONE;
	if (len > sizeof(c->data) || followup_len > sizeof(c->followup))
		return ERR_NOSPACE;
	c->rq_seq = req->rq_seq;
	c->netfn = req->netfn;
	c->cmd = req->cmd;
	c->rq_addr = req->rq_addr;
	c->req_hash = hash;
	c->len = (uint16_t)len;
	memcpy(c->data, msg, len);
	c->followup_len = (uint16_t)followup_len;
	if (followup_len != 0)
		memcpy(c->followup, followup, followup_len);
	c->kind = REPLY_CACHE_RESPONSE;
	return 0;
}

const uint8_t *
reply_cache_response(const struct reply_cache *c, size_t *len)
{
	if (c->kind != REPLY_CACHE_RESPONSE) {
		*len = 0;
		return NULL;
	}
	*len = c->len;
	return c->data;
}

const uint8_t *
reply_cache_followup(const struct reply_cache *c, size_t *len)
{
	if (c->kind != REPLY_CACHE_RESPONSE || c->followup_len == 0) {
		*len = 0;
		return NULL;
	}
	*len = c->followup_len;
	return c->followup;
}

int
reply_cache_put_handshake(struct reply_cache *c, const uint8_t *req,
    size_t reqlen, const uint8_t *reply, size_t replylen)
{
	c->kind = REPLY_CACHE_NONE;
	if (reqlen > sizeof(c->req) || replylen > sizeof(c->data))
		return ERR_NOSPACE;
	c->req_len = (uint8_t)reqlen;
	memcpy(c->req, req, reqlen);
	c->len = (uint16_t)replylen;
	memcpy(c->data, reply, replylen);
	c->followup_len = 0;
	c->kind = REPLY_CACHE_HANDSHAKE;
	return 0;
}

const uint8_t *
reply_cache_handshake(
    const struct reply_cache *c, const uint8_t *req, size_t reqlen, size_t *len)
{
	/* The request is the console's own bytes: no secret to time. */
	if (c->kind != REPLY_CACHE_HANDSHAKE || reqlen != c->req_len ||
	    memcmp(req, c->req, reqlen) != 0)
		return NULL;
	*len = c->len;
	return c->data;
}

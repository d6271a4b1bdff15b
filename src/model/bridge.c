/*
 * Send Message (IPMI 2.0 §22.7) to the primary IPMB: the way a remote
 * console reaches a controller behind the BMC, and the way FreeIPMI reads
 * sensors whose SDR names a LUN other than 0 (--bridge-sensors).
 *
 * The only controller on the simulated IPMB is the BMC itself (20h), so a
 * request addressed to it is answered by the BMC's own dispatcher, on the
 * LUN it names; any other address is not acknowledged (83h), as on a bus
 * where nobody answers.  Over LAN only the tracked form is accepted: the
 * Send Message response comes first, then the bridged response, in a
 * message of its own addressed back to the remote console (§6.12.2).
 */
#include <string.h>

#include "bmc_impl.h"

/* Send Message byte 1 (table 22-10). */
#define SEND_TRACKING_MASK 0xc0
#define SEND_TRACKING	   0x40 /* 01b: track request */
#define SEND_CHANNEL_MASK  0x0f

/* Send Message completion codes (table 22-10). */
#define CC_SEND_NAK_ON_WRITE 0x83

static uint8_t
bridge_send_message(struct bmc *b, struct bmc_cmd *ctx)
{
	struct model_request inner_req;
	struct model_reply   inner_rep;
	struct ipmi_req	     inner;
	struct ipmi_rsp	     rsp;
	uint8_t		     flags, data[IPMIMSG_DATA_MAX];
	uint8_t		     msg[MODEL_OUT_DATA_MAX];
	size_t		     msglen;

	if (ctx->outbox == NULL)
		return IPMI_CC_NOT_SUPPORTED_NOW;
	/*
	 * No room for the bridged response: refused before the bridged
	 * command runs, so that it has no effect nobody hears of.
	 */
	if (outbox_room(ctx->outbox) == 0)
		return IPMI_CC_NODE_BUSY;
	if (rd_u8(&ctx->in, &flags) != 0)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	/*
	 * Untracked requests would leave the response in the receive
	 * message queue for Get Message, which a LAN console cannot read.
	 */
	if ((flags & SEND_CHANNEL_MASK) != BMC_CHANNEL_IPMB ||
	    (flags & SEND_TRACKING_MASK) != SEND_TRACKING)
		return IPMI_CC_INVALID_DATA_FIELD;
	if (ipmimsg_decode_req(rd_pos(&ctx->in), rd_left(&ctx->in), &inner) !=
	    0)
		return IPMI_CC_INVALID_DATA_FIELD;
	if (inner.rs_addr != IPMIMSG_BMC_ADDR)
		return CC_SEND_NAK_ON_WRITE;
	/* One hop: the BMC does not bridge to itself twice over. */
	if (inner.netfn == IPMI_NETFN_APP && inner.cmd == CMD_APP_SEND_MESSAGE)
		return IPMI_CC_INVALID_DATA_FIELD;

	inner_req = *ctx->req;
	inner_req.msg = &inner;
	memset(&inner_rep, 0, sizeof(inner_rep));
	inner_rep.data = data;
	inner_rep.cap = sizeof(data);
	/* One hop: the bridged command sends nothing beside its reply. */
	inner_rep.outbox = NULL;
	bmc_handle(b, &inner_req, &inner_rep);

	/*
	 * The response goes to the console that sent the Send Message,
	 * under its rqSeq, from the controller and LUN that answered.
	 */
	memset(&rsp, 0, sizeof(rsp));
	rsp.rq_addr = ctx->req->msg->rq_addr;
	rsp.netfn = inner.netfn | 1;
	rsp.rq_lun = ctx->req->msg->rq_lun;
	rsp.rs_addr = inner.rs_addr;
	rsp.rq_seq = ctx->req->msg->rq_seq;
	rsp.rs_lun = inner.rs_lun;
	rsp.cmd = inner.cmd;
	rsp.cc = inner_rep.cc;
	rsp.data = data;
	rsp.data_len = inner_rep.len;
	if (ipmimsg_encode_rsp(&rsp, msg, sizeof(msg), &msglen) != 0 ||
	    outbox_put(
		ctx->outbox, MODEL_OUT_SESSION_MESSAGE, NULL, msg, msglen) != 0)
		return IPMI_CC_CANT_RETURN_BYTES;
	return IPMI_CC_OK;
}

/* Channel byte, then an IPMB request of 7 bytes or more. */
static const struct cmd_entry bridge_cmds[] = {
    {IPMI_NETFN_APP, CMD_APP_SEND_MESSAGE, IPMI_PRIV_USER, 8, 255, 0,
	bridge_send_message, "Send Message"},
};

const struct bmc_area bmc_area_bridge = {
    .name = "bridge",
    .cmds = bridge_cmds,
    .ncmds = sizeof(bridge_cmds) / sizeof(bridge_cmds[0]),
};

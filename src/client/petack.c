/*
 * PET Acknowledge from a trap: the matching key (FreeIPMI's
 * _ipmi_pet_acknowledge, OpenIPMI's ipmi_handle_snmp_trap_data) in the
 * byte order of the IPMI command.
 */
#include <string.h>

#include "err.h"
#include "ipmi15.h"
#include "ipmimsg.h"
#include "petack.h"
#include "snmp.h"

#define PETACK_CMD 0x17

int
petack_data(const uint8_t *pet, size_t len, uint8_t out[PETACK_DATA_LEN])
{
	struct pet_data d;
	int		rc;

	if ((rc = pet_decode(pet, len, &d)) != 0)
		return rc;
	out[0] = (uint8_t)d.sequence;
	out[1] = (uint8_t)(d.sequence >> 8);
	out[2] = (uint8_t)d.timestamp;
	out[3] = (uint8_t)(d.timestamp >> 8);
	out[4] = (uint8_t)(d.timestamp >> 16);
	out[5] = (uint8_t)(d.timestamp >> 24);
	out[6] = d.event_source;
	out[7] = d.sensor_device;
	out[8] = d.sensor_number;
	memcpy(out + 9, d.event_data, 3);
	return 0;
}

int
petack_encode(const uint8_t *trap, size_t len, uint8_t seq, uint8_t *out,
    size_t cap, size_t *outlen)
{
	struct snmp_trap      t;
	struct ipmi_req	      req;
	struct ipmi15_session s;
	uint8_t		      data[PETACK_DATA_LEN];
	uint8_t		      msg[IPMIMSG_REQ_HEADER_LEN + PETACK_DATA_LEN];
	size_t		      msglen;
	int		      rc;

	if (snmp_decode_trap(trap, len, &t) != 0 ||
	    !snmp_oid_equal(&t.enterprise, &pet_enterprise_oid) || t.nvb < 1 ||
	    !snmp_oid_equal(&t.vb[0].name, &pet_binding_oid) ||
	    petack_data(t.vb[0].value, t.vb[0].value_len, data) != 0)
		return ERR_FORMAT;
	memset(&req, 0, sizeof(req));
	req.rs_addr = IPMIMSG_BMC_ADDR;
	req.netfn = IPMI_NETFN_SENSOR;
	req.rq_addr = IPMIMSG_CONSOLE_ADDR;
	req.rq_seq = seq & 0x3f;
	req.cmd = PETACK_CMD;
	req.data = data;
	req.data_len = sizeof(data);
	if ((rc = ipmimsg_encode_req(&req, msg, sizeof(msg), &msglen)) != 0)
		return rc;
	memset(&s, 0, sizeof(s));
	s.authtype = IPMI15_AUTHTYPE_NONE;
	s.msg = msg;
	s.msg_len = (uint8_t)msglen;
	return ipmi15_encode(&s, out, cap, outlen);
}

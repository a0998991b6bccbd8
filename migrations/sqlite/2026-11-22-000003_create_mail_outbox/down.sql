DROP TABLE mail_state;
DROP TABLE mail_outbox;

-- A token may expire; expired tokens are refused like revoked ones.
ALTER TABLE api_token ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX api_token_active ON api_token (revoked_at);

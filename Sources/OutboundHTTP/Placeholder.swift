// Placeholder: the seed commit declares OutboundHTTP without sources; drop this file when the real target lands.

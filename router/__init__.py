"""The router: discovers OpenRPC services on Unix sockets, serves their Python clients, proxies calls."""

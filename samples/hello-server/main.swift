// hello-server: the smallest EntraAuth HTTPServer program. Serves GET /hello -> 200 "ok" on $PORT.
print("hello-server: not yet implemented")

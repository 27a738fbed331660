"""Agent mode: a prompt becomes a script against a service's generated client, run in a sandbox and
retried with its error; served by endpoints.py on POST /<service>/agent(/stream) and router.agent.run.
"""

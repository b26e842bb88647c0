#include <hiredis/hiredis.h>

/// `redisCommandArgv` typed: the reply, or NULL when the connection failed (then `context->err` says why).
static inline redisReply *emporium_redis_command_argv(
    redisContext *context, int argc, const char **argv, const size_t *argvlen
) {
    return (redisReply *)redisCommandArgv(context, argc, argv, argvlen);
}

/// `redisGetReply` typed: REDIS_OK with the next reply of a pipeline, or REDIS_ERR.
static inline int emporium_redis_get_reply(redisContext *context, redisReply **reply) {
    return redisGetReply(context, (void **)reply);
}

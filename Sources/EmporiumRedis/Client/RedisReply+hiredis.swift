import CHiredis

extension RedisReply {
    /// Copies a hiredis reply. hiredis 1.x can hand back RESP3 types; Emporium speaks RESP2 and never asks for
    /// them, so they are a protocol violation.
    init(hiredis reply: UnsafePointer<redisReply>) throws(RedisError) {
        let value = reply.pointee
        let text = { String(decoding: UnsafeRawBufferPointer(start: value.str, count: Int(value.len)), as: UTF8.self) }
        switch value.type {
        case REDIS_REPLY_STATUS: self = .status(text())
        case REDIS_REPLY_ERROR: self = .error(text())
        case REDIS_REPLY_INTEGER: self = .integer(Int(value.integer))
        case REDIS_REPLY_NIL: self = .null
        case REDIS_REPLY_STRING:
            self = .bulkString(Array(UnsafeRawBufferPointer(start: value.str, count: Int(value.len))))
        case REDIS_REPLY_ARRAY:
            var elements: [RedisReply] = []
            elements.reserveCapacity(Int(value.elements))
            for index in 0..<Int(value.elements) {
                guard let element = value.element[index] else {
                    throw RedisError(.protocolViolation, "an array reply with a missing element")
                }
                elements.append(try RedisReply(hiredis: element))
            }
            self = .array(elements)
        default: throw RedisError(.protocolViolation, "reply type \(value.type), not RESP2")
        }
    }
}

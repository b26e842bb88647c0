import NIOCore
import NIOHTTP1
import NIOPosix

/// An answer as the generator sees it.
struct HTTPAnswer: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: ByteBuffer
    /// When the head arrived.
    var firstByte: ContinuousClock.Instant
}

/// Why a request got no answer.
enum TransportFailure: Error, Sendable {
    case connectRefused(String)
    case reset
    case timeout
}

/// One keep-alive HTTP/1.1 connection, used by one virtual user at a time: a request is written and its answer
/// awaited before the next. Bodies are kept up to 4 MiB; the rest is counted but not kept.
final class HTTPConnection: Sendable {
    private let channel: any Channel
    private let handler: ResponseCollector

    private init(channel: any Channel, handler: ResponseCollector) {
        self.channel = channel
        self.handler = handler
    }

    /// Opens a connection served by `eventLoop`.
    static func open(to target: Target, timeout: Duration, on eventLoop: any EventLoop) async throws -> HTTPConnection {
        let collector = ResponseCollector()
        do {
            let channel = try await ClientBootstrap(group: eventLoop)
                .connectTimeout(.nanoseconds(timeout.nanoseconds))
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        try channel.pipeline.syncOperations.addHandler(collector)
                    }
                }
                .connect(host: target.host, port: target.port)
                .get()
            return HTTPConnection(channel: channel, handler: collector)
        } catch {
            throw TransportFailure.connectRefused("\(error)")
        }
    }

    var isActive: Bool { channel.isActive }

    /// Sends a request and waits for its whole answer, at most `timeout`.
    func send(_ head: HTTPRequestHead, body: ByteBuffer?, timeout: Duration) async throws -> HTTPAnswer {
        let promise = channel.eventLoop.makePromise(of: HTTPAnswer.self)
        let channel = channel
        let handler = handler
        let write = {
            handler.expect(promise)
            let timer = channel.eventLoop.scheduleTask(in: .nanoseconds(timeout.nanoseconds)) {
                promise.fail(TransportFailure.timeout)
                channel.close(promise: nil)
            }
            promise.futureResult.whenComplete { _ in timer.cancel() }
            channel.write(HTTPClientRequestPart.head(head), promise: nil)
            if let body { channel.write(HTTPClientRequestPart.body(.byteBuffer(body)), promise: nil) }
            channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        }
        // A virtual user's task runs on its connection's event loop (EventLoopExecutor): no hop needed then.
        if channel.eventLoop.inEventLoop { write() } else { channel.eventLoop.execute(write) }
        return try await promise.futureResult.get()
    }

    func close() {
        channel.close(promise: nil)
    }
}

/// Collects one answer at a time on the channel's event loop and completes its promise.
private final class ResponseCollector: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart

    static let keptBodyBytes = 4 << 20

    // Touched on the event loop only.
    private var promise: EventLoopPromise<HTTPAnswer>?
    private var answer: HTTPAnswer?

    func expect(_ promise: EventLoopPromise<HTTPAnswer>) {
        self.promise = promise
        answer = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            answer = HTTPAnswer(
                status: Int(head.status.code),
                headers: head.headers,
                body: ByteBuffer(),
                firstByte: .now
            )
        case .body(var part):
            if let kept = answer?.body.readableBytes, kept < Self.keptBodyBytes { answer?.body.writeBuffer(&part) }
        case .end:
            if let answer { promise?.succeed(answer) }
            promise = nil
            answer = nil
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise?.fail(TransportFailure.reset)
        promise = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise?.fail(TransportFailure.reset)
        promise = nil
        context.close(promise: nil)
    }
}

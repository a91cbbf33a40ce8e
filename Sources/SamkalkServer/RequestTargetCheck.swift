import HTTPTypes
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Marks an HTTP/1 request whose target is not a path (`GET http://other/ …`, `OPTIONS *`), so
/// that ``SecurityHeadersMiddleware`` can refuse it with 400.
///
/// It sits between NIO's HTTP/1 decoder and the codec that turns the head into an `HTTPRequest`:
/// that codec keeps only the path of an absolute-form target, so the app would otherwise answer a
/// request that names another host as if it were local. A marker sent by the client is removed.
final class RequestTargetCheck: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias InboundOut = HTTPServerRequestPart

  /// Set on a request whose target was not origin-form.
  static let marker = HTTPField.Name("X-Samkalk-Target-Refused")!
  /// `Host`: a second one stays among the fields after the codec takes the first as authority.
  static let host = HTTPField.Name("Host")!

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    guard case .head(var head) = unwrapInboundIn(data) else {
      context.fireChannelRead(data)
      return
    }
    head.headers.remove(name: Self.marker.rawName)
    if !head.uri.hasPrefix("/") {
      head.headers.add(name: Self.marker.rawName, value: "1")
      head.uri = "/"
    }
    context.fireChannelRead(wrapInboundOut(.head(head)))
  }
}

/// Hummingbird's HTTP/1 channel with ``RequestTargetCheck`` inserted after the decoder and an
/// idle timeout, which also bounds how long a client may take to send a request's headers.
struct CheckedHTTP1Channel: ServerChildChannel {
  typealias Value = HTTP1Channel.Value
  let inner: HTTP1Channel

  func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
    inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
      let operations = channel.pipeline.syncOperations
      let decoder = try operations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
      try operations.addHandler(RequestTargetCheck(), position: .after(decoder))
      return value
    }
  }

  func handle(value: Value, logger: Logger) async {
    await inner.handle(value: value, logger: logger)
  }
}

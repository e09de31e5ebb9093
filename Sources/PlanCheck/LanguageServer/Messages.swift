/// What arrives from the client, sorted: a request (answer it), a
/// notification (act, no answer), a response to us (ignored: we send no
/// requests), or something that is not JSON-RPC at all (answer with an error
/// when it carries an id, log it otherwise).
enum Incoming {
    case request(id: JSON, method: String, params: JSON)
    case notification(method: String, params: JSON)
    case response
    case invalid(id: JSON?, error: ResponseError)

    /// Sorts one message body.
    static func read(_ body: [UInt8]) -> Incoming {
        let value: JSON
        switch JSON.parse(body) {
        case .success(let parsed): value = parsed
        case .failure(let error):
            return .invalid(id: nil, error: ResponseError(.parseError, "the message is not JSON: \(error)"))
        }
        guard case .object = value else {
            return .invalid(id: nil, error: ResponseError(.invalidRequest, "a message must be a JSON object"))
        }
        let id = value["id"]
        if let id {
            switch id {
            case .int, .number, .string: break
            default:
                return .invalid(id: nil, error: ResponseError(.invalidRequest, "a request id must be a number or a string"))
            }
        }
        guard let methodValue = value["method"] else {
            if id != nil, value["result"] != nil || value["error"] != nil { return .response }
            return .invalid(id: id, error: ResponseError(.invalidRequest, "the message has no method"))
        }
        guard let method = methodValue.stringValue else {
            return .invalid(id: id, error: ResponseError(.invalidRequest, "the method must be a string"))
        }
        let params = value["params"] ?? .null
        if let id { return .request(id: id, method: method, params: params) }
        return .notification(method: method, params: params)
    }
}

/// A JSON-RPC error to send back.
struct ResponseError: Error {
    enum Code: Int {
        case parseError = -32700
        case invalidRequest = -32600
        case methodNotFound = -32601
        case invalidParams = -32602
        case internalError = -32603
        case serverNotInitialized = -32002
        case requestFailed = -32803
    }

    var code: Code
    var message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    var json: JSON { .object([("code", .int(code.rawValue)), ("message", .string(message))]) }
}

/// Messages the server sends.
enum Outgoing {
    static func result(_ id: JSON, _ result: JSON) -> JSON {
        .object([("jsonrpc", .string("2.0")), ("id", id), ("result", result)])
    }

    static func error(_ id: JSON?, _ error: ResponseError) -> JSON {
        .object([("jsonrpc", .string("2.0")), ("id", id ?? .null), ("error", error.json)])
    }

    static func notification(_ method: String, _ params: JSON) -> JSON {
        .object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)])
    }
}

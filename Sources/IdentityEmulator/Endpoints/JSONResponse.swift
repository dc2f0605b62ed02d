import HTTPServer
import JOSE

extension HTTPResponse {
    /// `value` as compact JSON with `Content-Type: application/json; charset=utf-8` (what the
    /// App Service and IMDS endpoints send), members in the order given.
    static func emulatorJSON(_ value: JSONValue, status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var headers = headers
        headers["Content-Type"] = "application/json; charset=utf-8"
        headers["Cache-Control"] = "no-store"
        return HTTPResponse(status: status, headers: headers, body: JSONWriter.serializedBytes(value))
    }
}

extension JSONValue {
    /// An object with members in the given order.
    static func orderedObject(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(members.map { JSONObject.Member(name: $0.0, value: $0.1) }))
    }
}

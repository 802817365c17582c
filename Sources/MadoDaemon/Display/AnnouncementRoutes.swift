// SPDX-License-Identifier: Apache-2.0
// GET /display/audio/chime.wav and /display/audio/{key}.wav: the sounds the hall boards play.
import Foundation
import MadoCore
import MadoDevices
import MadoServer

/// The announcement audio, open on the LAN like the boards themselves. A clip is served only when this
/// daemon announced it: the name must be a well-formed key (so no path can be smuggled in) and one it
/// published, so the route cannot be used to list or probe the cache.
enum AnnouncementRoutes {
    /// `service` is asked at each request: nil (announcements not started) answers 404.
    static func routes(_ service: @escaping @Sendable () -> AnnouncementService?) -> [Route] {
        [
            Route("GET", "/display/audio/{file}", access: .open) { _, parameters in
                let file = parameters["file"]
                guard let service = service() else { throw APIError.notFound("announcements are not running") }
                if file == "chime.wav" {
                    return audio(.shared(service.chimeWAV, contentType: "audio/wav"))
                }
                guard file.hasSuffix(".wav"), let key = SpeechCacheKey(validating: String(file.dropLast(4))),
                    service.hasAnnounced(key)
                else { throw APIError.notFound("no announcement audio \(file)") }
                let speech = service.speech
                let clip = await readOffThePool {
                    speech.cachedClip(key).flatMap { FileManager.default.contents(atPath: $0.path) }
                }
                guard let clip else { throw APIError.notFound("announcement audio \(file) is no longer cached") }
                return audio(.bytes(clip, contentType: "audio/wav"))
            }
        ]
    }

    /// A clip never changes under its name (the name is its content's hash), so boards may keep it.
    private static func audio(_ response: HTTPResponse) -> HTTPResponse {
        var response = response
        response.headers.append((name: "Cache-Control", value: "public, max-age=86400"))
        return response
    }

    /// Reads a file on a Dispatch thread: a slow disk must not hold a cooperative-pool thread.
    private static func readOffThePool(_ body: @escaping @Sendable () -> Data?) async -> Data? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { @Sendable in continuation.resume(returning: body()) }
        }
    }
}

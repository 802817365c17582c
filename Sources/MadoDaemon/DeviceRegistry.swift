// SPDX-License-Identifier: Apache-2.0
// The states of every device madod drives, for /v1/status and the event stream.
public import Foundation
public import MadoServer

/// A device's state as technicians see it.
public struct DeviceStatus: Sendable, Codable, Equatable {
    public enum State: String, Sendable, Codable {
        case ready
        /// Works, but someone should look (paper near end).
        case warning
        /// Does not work (cover open, paper out).
        case error
        /// Not reachable (unplugged, powered off).
        case offline
    }

    public let id: String
    public let kind: String
    public var state: State
    public var detail: String?
    public var since: Date

    public init(id: String, kind: String, state: State, detail: String? = nil, since: Date = Date()) {
        self.id = id
        self.kind = kind
        self.state = state
        self.detail = detail
        self.since = since
    }
}

/// Holds device states and announces changes on the event stream.
public actor DeviceRegistry {
    private var devices: [String: DeviceStatus] = [:]
    private let broadcaster: EventBroadcaster

    public init(broadcaster: EventBroadcaster) { self.broadcaster = broadcaster }

    /// Records a state; an unchanged state and detail is not announced again.
    public func update(_ status: DeviceStatus) {
        if let old = devices[status.id], old.state == status.state, old.detail == status.detail { return }
        devices[status.id] = status
        broadcaster.publish("device.changed", status)
    }

    public func all() -> [DeviceStatus] { devices.values.sorted { $0.id < $1.id } }
}

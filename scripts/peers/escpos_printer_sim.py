#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# escpos_printer_sim: a fake Epson TM-style ticket printer for tests and the demo. It captures every byte
# it is sent, answers DLE EOT 1-4 with status bytes and GS ( H fn48 with the process-ID reply once the
# ticket is "printed" (at the cut), over TCP 9100, a /dev/usb/lp-style pty, or an emulated USB device.
"""Fake ESC/POS ticket printer.

Modes:
  tcp    listen on --host/--port (port 0 picks a free port; it is printed as "port N" on stdout and written
         to --ready-file). Any number of connections, one after the other or at once.
  usblp  a pty whose slave is symlinked at --path (like /dev/usb/lp0): raw mode, the harness keeps a
         slave fd open so the client can close and reopen it.
  usb    a libusb-visible printer (class 7, bulk OUT + bulk IN) through umockdev. Run it under
         `umockdev-wrapper /usr/bin/python3` (Debian's python with gi + UMockdev) and give the program to
         run after `--`; that program inherits LD_PRELOAD/UMOCKDEV_DIR and sees the printer. SIGUSR1 unplugs
         the printer, SIGUSR2 plugs it back in (or --plug-after/--unplug-after/--replug-after seconds).

Printer condition: --status takes a comma list of ready, cover-open, paper-end, near-end, offline,
cutter-error. --state-file FILE, when it exists, overrides it (re-read at every status request, so a test
can open the cover by writing "cover-open" there). --paper-end-after N: the paper runs out after the N-th
cut (ticket N is printed and confirmed; the next status says paper end). --paper-out-in-ticket N: the
paper runs out while ticket N prints (its process ID is never answered). SIGHUP loads a new roll (clears
a paper end caused by either option). --no-process-id: a model without
GS ( H. The program exits 0 on SIGTERM/SIGINT; in usb mode it exits with the command's status.
"""

import argparse
import os
import selectors
import shutil
import signal
import socket
import struct
import sys
import termios
import time
import tty

CONTROL_SIGNALS = {signal.SIGHUP, signal.SIGUSR1, signal.SIGUSR2, signal.SIGTERM, signal.SIGINT, signal.SIGALRM}
STATUS_WORDS = {"ready", "cover-open", "paper-end", "near-end", "offline", "cutter-error"}


def log(args, message):
    if args.verbose:
        print(f"escpos-sim: {message}", file=sys.stderr, flush=True)


class PrinterState:
    """The printer's condition and counters, shared by all connections."""

    def __init__(self, args):
        self.args = args
        self.base = parse_status(args.status)
        self.cuts = 0
        self.paper_out = False
        self.capture = open(args.capture, "ab", buffering=0) if args.capture else None

    def condition(self):
        words = set(self.base)
        if self.args.state_file and os.path.exists(self.args.state_file):
            with open(self.args.state_file) as f:
                words = parse_status(f.read())
        if self.paper_out:
            words.add("paper-end")
        return words

    def load_paper(self):
        self.paper_out = False
        log(self.args, "new roll loaded")

    def status_byte(self, n):
        words = self.condition()
        stopped = bool(words & {"cover-open", "paper-end", "offline", "cutter-error"})
        byte = 0x12
        if n == 1 and stopped:
            byte |= 0x08
        elif n == 2:
            byte |= (0x04 if "cover-open" in words else 0) | (0x20 if "paper-end" in words else 0)
            byte |= 0x40 if "cutter-error" in words else 0
        elif n == 3:
            byte |= 0x08 if "cutter-error" in words else 0
        elif n == 4:
            byte |= (0x0C if "near-end" in words else 0) | (0x60 if "paper-end" in words else 0)
        return byte

    def can_print(self):
        return not (self.condition() & {"cover-open", "paper-end", "offline", "cutter-error"})

    def record(self, data):
        if self.capture:
            self.capture.write(data)  # unbuffered: the bytes are in the file when write returns


def parse_status(text):
    words = {w.strip() for w in text.replace("\n", ",").split(",") if w.strip()}
    unknown = words - STATUS_WORDS
    if unknown:
        raise SystemExit(f"escpos-sim: unknown status word(s) {sorted(unknown)}; use {sorted(STATUS_WORDS)}")
    return words - {"ready"}


class CommandStream:
    """Incremental ESC/POS reader for one connection: finds real-time status requests, process IDs and
    cuts, and skips the payload of commands that carry data (raster images, QR data) so bytes inside
    an image are never taken for commands."""

    def __init__(self, state, reply):
        self.state = state
        self.reply = reply  # function(bytes) sending an answer to the host
        self.buffer = bytearray()
        self.pending_ids = []
        self.last_data = time.monotonic()

    def feed(self, data):
        self.state.record(data)
        self.last_data = time.monotonic()
        self.buffer += data
        consumed = 0
        while consumed < len(self.buffer):
            length = self.command_length(consumed)
            if length is None:
                break  # incomplete command: wait for more bytes
            self.execute(bytes(self.buffer[consumed:consumed + length]))
            consumed += length
        del self.buffer[:consumed]

    def command_length(self, i):
        b = self.buffer
        n = len(b) - i

        def need(count):
            return count if n >= count else None

        first = b[i]
        if first == 0x10:  # DLE EOT n, DLE ENQ n, DLE DC4 ...
            if n < 2:
                return None
            if b[i + 1] in (0x04, 0x05):
                return need(3)
            if b[i + 1] == 0x14:
                return need(5)
            return 1
        if first == 0x1D:  # GS
            if n < 2:
                return None
            second = b[i + 1]
            if second == 0x28:  # GS ( x pL pH data
                if n < 5:
                    return None
                return need(5 + b[i + 3] + 256 * b[i + 4])
            if second == 0x76:  # GS v 0 m xL xH yL yH data
                if n < 8:
                    return None
                return need(8 + (b[i + 4] + 256 * b[i + 5]) * (b[i + 6] + 256 * b[i + 7]))
            if second == 0x56:  # GS V m [n]
                if n < 3:
                    return None
                return need(4 if b[i + 2] in (65, 66, 97, 98, 103, 104) else 3)
            if second in (0x21, 0x42, 0x48, 0x66, 0x68, 0x72, 0x61, 0x77, 0x6B):
                return need(3) if second != 0x6B else 2
            return need(2)
        if first == 0x1B:  # ESC
            if n < 2:
                return None
            second = b[i + 1]
            if second == 0x2A:  # ESC * m nL nH data
                if n < 5:
                    return None
                per_column = 3 if b[i + 2] in (32, 33) else 1
                return need(5 + per_column * (b[i + 3] + 256 * b[i + 4]))
            if second in (0x40,):
                return 2
            return need(3)
        if first == 0x1C:  # FS
            if n < 2:
                return None
            return need(3) if b[i + 1] in (0x43, 0x21, 0x57) else 2
        return 1

    def execute(self, command):
        if command[:2] == b"\x10\x04" and 1 <= command[2] <= 4:
            byte = self.state.status_byte(command[2])
            log(self.state.args, f"DLE EOT {command[2]} -> {byte:02x}")
            self.reply(bytes([byte]))
        elif command[:3] == b"\x1d\x28\x48" and len(command) == 11 and command[5:7] == b"\x30\x30":
            self.pending_ids.append(command[7:11])
        elif command[:2] == b"\x1d\x56":
            self.cut()

    def cut(self):
        state = self.state
        if not state.can_print():
            self.pending_ids.clear()  # a stopped printer prints nothing and confirms nothing
            return
        state.cuts += 1
        log(state.args, f"cut #{state.cuts}")
        if state.args.paper_out_in_ticket and state.cuts == state.args.paper_out_in_ticket:
            state.paper_out = True
            self.pending_ids.clear()
            log(state.args, "paper ran out during this ticket")
            return
        self.answer_ids()
        if state.args.paper_end_after and state.cuts >= state.args.paper_end_after:
            state.paper_out = True
            log(state.args, "paper end after this ticket")

    def answer_ids(self):
        ids, self.pending_ids = self.pending_ids, []
        if self.state.args.no_process_id or not self.state.can_print():
            return
        for pid in ids:
            time.sleep(self.state.args.process_id_delay)
            log(self.state.args, f"process ID {pid.decode('ascii', 'replace')} printed")
            self.reply(b"\x37\x22" + pid + b"\x00")

    def idle(self):
        """A process ID with no cut after it is answered once the data stops (the printer has printed)."""
        if self.pending_ids and time.monotonic() - self.last_data > 0.3:
            self.answer_ids()


def write_ready(args, text):
    print(text, flush=True)
    if args.ready_file:
        temporary = args.ready_file + ".tmp"
        with open(temporary, "w") as f:
            f.write(text + "\n")
        os.replace(temporary, args.ready_file)


class Stop(Exception):
    pass


def check_parent(args, parent=os.getppid()):
    """--exit-with-parent: a crashed test run leaves no peer behind. (Not PR_SET_PDEATHSIG: that fires
    when the spawning *thread* ends, and a test's pool thread may end long before the test.)"""
    if args.exit_with_parent and os.getppid() != parent:
        raise Stop()


def install_stop_handlers(state):
    def stop(signum, frame):
        raise Stop()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGHUP, lambda signum, frame: state.load_paper())
    if state.args.lifetime:
        signal.signal(signal.SIGALRM, stop)
        signal.alarm(state.args.lifetime)


def run_tcp(args, state):
    listener = socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((args.host, args.port))
    listener.listen(8)
    listener.setblocking(False)
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ, None)
    streams = {}
    install_stop_handlers(state)
    write_ready(args, f"port {listener.getsockname()[1]}")
    try:
        while True:
            for key, _ in selector.select(timeout=0.1):
                if key.fileobj is listener:
                    connection, peer = listener.accept()
                    connection.setblocking(True)
                    connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

                    def reply(data, connection=connection):
                        try:
                            connection.sendall(data)
                        except OSError:
                            pass

                    streams[connection] = CommandStream(state, reply)
                    selector.register(connection, selectors.EVENT_READ, None)
                    log(args, f"connection from {peer[0]}")
                    continue
                connection = key.fileobj
                try:
                    data = connection.recv(65536)
                except OSError:
                    data = b""
                if not data:
                    selector.unregister(connection)
                    connection.close()
                    del streams[connection]
                    log(args, "connection closed")
                    continue
                streams[connection].feed(data)
            for stream in streams.values():
                stream.idle()
            check_parent(args)
    except Stop:
        pass
    finally:
        for connection in streams:
            connection.close()
        listener.close()
    return 0


def run_usblp(args, state):
    master, slave = os.openpty()
    tty.setraw(slave, termios.TCSANOW)  # no echo, no CR/LF mangling: a binary-safe byte pipe
    slave_name = os.ttyname(slave)
    temporary = args.path + ".tmp"
    if os.path.lexists(temporary):
        os.unlink(temporary)
    os.symlink(slave_name, temporary)
    os.replace(temporary, args.path)

    def reply(data):
        os.write(master, data)

    stream = CommandStream(state, reply)
    install_stop_handlers(state)
    selector = selectors.DefaultSelector()
    selector.register(master, selectors.EVENT_READ, None)
    write_ready(args, f"path {args.path} -> {slave_name}")
    try:
        while True:
            for _ in selector.select(timeout=0.1):
                try:
                    data = os.read(master, 65536)
                except OSError:
                    data = b""  # EIO only happens if every slave fd is closed; ours stays open
                if data:
                    stream.feed(data)
            stream.idle()
            check_parent(args)
    except Stop:
        pass
    finally:
        if os.path.islink(args.path) and os.readlink(args.path) == slave_name:
            os.unlink(args.path)
        os.close(master)
        os.close(slave)
    return 0


# --- usb mode: usbdevfs emulated with umockdev -------------------------------------------------------


def _ioc(direction, number, size):
    return (direction << 30) | (size << 16) | (ord("U") << 8) | number


USBDEVFS_SUBMITURB = _ioc(2, 10, 56)
USBDEVFS_DISCARDURB = _ioc(0, 11, 0)
USBDEVFS_REAPURB = _ioc(1, 12, 8)
USBDEVFS_REAPURBNDELAY = _ioc(1, 13, 8)
USBDEVFS_CLAIMINTERFACE = _ioc(2, 15, 4)
USBDEVFS_RELEASEINTERFACE = _ioc(2, 16, 4)
USBDEVFS_GETDRIVER = _ioc(1, 8, 260)
USBDEVFS_IOCTL = _ioc(3, 18, 16)
USBDEVFS_DISCONNECT = _ioc(0, 22, 0)
USBDEVFS_CONNECT = _ioc(0, 23, 0)
USBDEVFS_GET_CAPABILITIES = _ioc(2, 26, 4)
USBDEVFS_SETCONFIGURATION = _ioc(2, 5, 4)
USBDEVFS_SETINTERFACE = _ioc(2, 4, 8)
USBDEVFS_CLEAR_HALT = _ioc(2, 21, 4)
USBDEVFS_RESET = _ioc(0, 20, 0)
USBDEVFS_GET_SPEED = _ioc(0, 31, 0)
USBDEVFS_DISCONNECT_CLAIM = _ioc(2, 27, 264)
USBFS_CAP_BULK_CONTINUATION = 0x02
USBFS_CAP_NO_PACKET_SIZE_LIM = 0x04
ENOENT, EAGAIN, ENODEV, ENODATA, EBUSY, ENOTTY, EINVAL = 2, 11, 19, 61, 16, 25, 22
URB_STATUS, URB_BUFFER, URB_ACTUAL = 4, 16, 28


def device_description(args):
    vid, pid = int(args.vid, 16), int(args.pid, 16)
    device = struct.pack("<BBHBBBBHHHBBBB", 18, 1, 0x0200, 0, 0, 0, 64, vid, pid, 0x0100, 1, 2, 3, 1)
    interface = struct.pack("<BBBBBBBBB", 9, 4, 0, 0, 2, 7, 1, 2, 0)
    bulk_out = struct.pack("<BBBBHB", 7, 5, args.out_endpoint, 2, 64, 0)
    bulk_in = struct.pack("<BBBBHB", 7, 5, args.in_endpoint, 2, 64, 0)
    total = 9 + len(interface) + len(bulk_out) + len(bulk_in)
    config = struct.pack("<BBHBBBBB", 9, 2, total, 1, 1, 0, 0xC0, 1)
    descriptors = (device + config + interface + bulk_out + bulk_in).hex().upper()
    return f"""P: /devices/pci0000:00/0000:00:14.0/usb1/1-1
N: bus/usb/001/002
E: DEVNAME=/dev/bus/usb/001/002
E: DEVTYPE=usb_device
E: DRIVER=usb
E: PRODUCT={vid:x}/{pid:x}/100
E: TYPE=0/0/0
E: BUSNUM=001
E: DEVNUM=002
E: MAJOR=189
E: MINOR=1
E: SUBSYSTEM=usb
E: ID_VENDOR_ID={vid:04x}
E: ID_MODEL_ID={pid:04x}
A: bConfigurationValue=1
A: bNumConfigurations=1
A: busnum=1
A: devnum=2
A: idProduct={pid:04x}
A: idVendor={vid:04x}
A: manufacturer=EPSON
A: product=TM-T88V
A: serial={args.serial}
A: speed=12
H: descriptors={descriptors}
"""


def run_usb(args, state):
    import gi

    gi.require_version("UMockdev", "1.0")
    from gi.repository import GLib, UMockdev

    devnode = "/dev/bus/usb/001/002"
    strings = {1: "EPSON", 2: "TM-T88V", 3: args.serial}
    device_id = b"MFG:EPSON;CMD:ESCPOS;MDL:TM-T88V;CLS:PRINTER;"

    class FakePrinter:
        def __init__(self):
            self.testbed = UMockdev.Testbed.new()
            self.handler = UMockdev.IoctlBase()
            self.handler.connect("handle-ioctl", self.on_ioctl)
            self.handler.connect("client-connected", self.on_client)
            self.syspath = None
            self.generation = 0
            self.pending_in = []  # (urb data, buffer data, length) waiting for bytes from the printer
            self.reapable = []  # urb data ready to hand back
            self.in_bytes = bytearray()
            self.driver_attached = args.kernel_driver
            self.stream = CommandStream(state, self.to_host)

        # plugging
        def plug(self):
            if self.syspath:
                return False
            self.generation += 1
            self.driver_attached = args.kernel_driver
            # The handler first: adding the device announces it, and a fast client opens it at once.
            self.testbed.attach_ioctl(devnode, self.handler)
            self.testbed.add_from_string(device_description(args))
            self.syspath = "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1"
            log(args, "plugged in")
            return False

        def unplug(self):
            if not self.syspath:
                return False
            self.testbed.detach_ioctl(devnode)
            self.testbed.uevent(self.syspath, "remove")
            self.testbed.remove_device(self.syspath)
            self.syspath = None
            for urb, _, _ in self.pending_in:
                urb.update(URB_STATUS, list(struct.pack("<i", -ENODEV)))
                self.reapable.append(urb)
            self.pending_in.clear()
            log(args, "unplugged")
            return False

        def on_client(self, handler, client):
            # An fd opened before an unplug must keep failing with ENODEV after the re-plug, as the kernel's do.
            client._sim_generation = self.generation

        # host <- printer
        def to_host(self, data):
            self.in_bytes += data
            self.deliver()

        def deliver(self):
            while self.pending_in and self.in_bytes:
                urb, buffer, length = self.pending_in.pop(0)
                chunk = bytes(self.in_bytes[:length])
                del self.in_bytes[: len(chunk)]
                buffer.update(0, list(chunk))
                urb.update(URB_STATUS, list(struct.pack("<ii", 0, 0)))
                urb.update(URB_ACTUAL, list(struct.pack("<i", len(chunk))))
                self.reapable.append(urb)

        # usbdevfs
        def on_ioctl(self, handler, client):
            request = client.get_request()
            generation = getattr(client, "_sim_generation", self.generation)
            if self.syspath is None or generation != self.generation:
                client.complete(-1, ENODEV)
                return True
            arg = client.get_arg()
            try:
                result = self.dispatch(request, arg, client)
            except Exception as error:  # a bug here must not hang the client
                print(f"escpos-sim: ioctl {request:#x} failed: {error!r}", file=sys.stderr, flush=True)
                result = (-1, EINVAL)
            if result is None:
                return True  # completed later
            client.complete(*result)
            return True

        def dispatch(self, request, arg, client):
            if request == USBDEVFS_GET_CAPABILITIES:
                arg.resolve(0, 4).update(0, list(struct.pack("<I", USBFS_CAP_BULK_CONTINUATION | USBFS_CAP_NO_PACKET_SIZE_LIM)))
                return (0, 0)
            if request == USBDEVFS_GETDRIVER:
                if not self.driver_attached:
                    return (-1, ENODATA)
                arg.resolve(0, 260).update(4, list(b"usblp\x00"))
                return (0, 0)
            if request == USBDEVFS_IOCTL:
                command = arg.resolve(0, 16)
                code = struct.unpack("<i", bytes(command.retrieve()[4:8]))[0]
                if code == USBDEVFS_DISCONNECT:
                    log(args, "kernel driver detached")
                    self.driver_attached = False
                    return (0, 0)
                if code == USBDEVFS_CONNECT:
                    self.driver_attached = args.kernel_driver
                    return (0, 0)
                return (-1, ENOTTY)
            if request == USBDEVFS_DISCONNECT_CLAIM:
                self.driver_attached = False
                return (0, 0)
            if request == USBDEVFS_CLAIMINTERFACE:
                return (-1, EBUSY) if self.driver_attached else (0, 0)
            if request in (USBDEVFS_RELEASEINTERFACE, USBDEVFS_SETCONFIGURATION, USBDEVFS_SETINTERFACE,
                           USBDEVFS_CLEAR_HALT, USBDEVFS_RESET):
                return (0, 0)
            if request == USBDEVFS_GET_SPEED:
                return (2, 0)  # full speed
            if request == USBDEVFS_SUBMITURB:
                return self.submit(arg)
            if request == USBDEVFS_DISCARDURB:
                address = struct.unpack("<Q", bytes(arg.retrieve()[:8]))[0]
                for entry in self.pending_in:
                    if entry[0].client_addr == address:
                        self.pending_in.remove(entry)
                        entry[0].update(URB_STATUS, list(struct.pack("<i", -ENOENT)))
                        self.reapable.append(entry[0])
                        return (0, 0)
                return (-1, EINVAL)
            if request in (USBDEVFS_REAPURBNDELAY, USBDEVFS_REAPURB):
                if self.stream.pending_ids:
                    self.stream.idle()
                if not self.reapable:
                    # libusb polls a socket that is always writable, so it asks again at once; answering
                    # EAGAIN a little later keeps that loop from eating a core.
                    GLib.timeout_add(2, lambda: (client.complete(-1, EAGAIN), False)[1])
                    return None
                urb = self.reapable.pop(0)
                slot = arg.resolve(0, 8)
                slot.set_ptr(0, urb)
                return (0, 0)
            log(args, f"unhandled ioctl {request:#x}")
            return (-1, ENOTTY)

        def submit(self, arg):
            urb = arg.resolve(0, 56)
            raw = bytes(urb.retrieve())
            urb_type, endpoint = raw[0], raw[1]
            length = struct.unpack("<i", raw[24:28])[0]
            buffer = urb.resolve(URB_BUFFER, length) if length > 0 else None
            if urb_type == 3 and endpoint == args.out_endpoint:
                data = bytes(buffer.retrieve()) if buffer else b""
                self.finish(urb, len(data))
                self.stream.feed(data)
            elif urb_type == 3 and endpoint == args.in_endpoint:
                self.pending_in.append((urb, buffer, length))
                self.deliver()
            elif urb_type == 2:
                self.control(urb, buffer, length)
            else:
                return (-1, EINVAL)
            return (0, 0)

        def finish(self, urb, actual, status=0):
            urb.update(URB_STATUS, list(struct.pack("<i", status)))
            urb.update(URB_ACTUAL, list(struct.pack("<i", actual)))
            self.reapable.append(urb)

        def control(self, urb, buffer, length):
            setup = bytes(buffer.retrieve()[:8])
            request_type, request, value, index, requested = struct.unpack("<BBHHH", setup)
            answer = None
            if request_type == 0x80 and request == 6 and value >> 8 == 3:  # GET_DESCRIPTOR string
                number = value & 0xFF
                if number == 0:
                    answer = bytes([4, 3, 0x09, 0x04])
                elif number in strings:
                    text = strings[number].encode("utf-16-le")
                    answer = bytes([2 + len(text), 3]) + text
            elif request_type == 0xA1 and request == 0:  # printer class GET_DEVICE_ID
                answer = struct.pack(">H", 2 + len(device_id)) + device_id
            elif request_type == 0xA1 and request == 1:  # GET_PORT_STATUS
                answer = bytes([0x18 if state.can_print() else (0x30 if "paper-end" in state.condition() else 0x10)])
            elif request_type & 0x80 == 0:
                self.finish(urb, 0)
                return
            if answer is None:
                self.finish(urb, 0, status=-32)  # -EPIPE: a stall, as a device answers an unknown request
                return
            answer = answer[:requested]
            buffer.update(8, list(answer))
            self.finish(urb, len(answer))

    command = args.command
    if not command:
        raise SystemExit("escpos-sim: usb mode runs a program: give it after --")
    printer = FakePrinter()
    root = printer.testbed.get_root_dir()
    try:
        return serve_usb(args, printer, command, GLib, devnode)
    finally:
        shutil.rmtree(root, ignore_errors=True)  # also when something above failed


def serve_usb(args, printer, command, GLib, devnode):
    if not args.plug_after:
        printer.plug()
    else:
        GLib.timeout_add(int(args.plug_after * 1000), printer.plug)
    if args.unplug_after:
        GLib.timeout_add(int(args.unplug_after * 1000), printer.unplug)
    if args.replug_after:
        GLib.timeout_add(int(args.replug_after * 1000), printer.plug)

    loop = GLib.MainLoop()
    environment = dict(os.environ)
    environment["UMOCKDEV_DIR"] = printer.testbed.get_root_dir()
    preload = environment.get("LD_PRELOAD", "")
    if "libumockdev-preload" not in preload:
        environment["LD_PRELOAD"] = ("libumockdev-preload.so.0 " + preload).strip()
    environment["ESCPOS_SIM_PID"] = str(os.getpid())
    flags = GLib.SpawnFlags.DO_NOT_REAP_CHILD | GLib.SpawnFlags.SEARCH_PATH | GLib.SpawnFlags.CHILD_INHERITS_STDIN
    envp = [f"{k}={v}" for k, v in environment.items()]
    child_pid, _, _, _ = GLib.spawn_async(command, envp=envp, flags=flags)
    exit_status = [1]

    def child_exited(pid, status):
        exit_status[0] = os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status >> 8
        if exit_status[0] < 0:
            exit_status[0] = 128 - exit_status[0]
        loop.quit()

    GLib.child_watch_add(GLib.PRIORITY_DEFAULT, child_pid, child_exited)
    GLib.unix_signal_add(GLib.PRIORITY_HIGH, signal.SIGUSR1, lambda: (printer.unplug(), True)[1])
    GLib.unix_signal_add(GLib.PRIORITY_HIGH, signal.SIGUSR2, lambda: (printer.plug(), True)[1])
    GLib.unix_signal_add(GLib.PRIORITY_HIGH, signal.SIGHUP, lambda: (printer.stream.state.load_paper(), True)[1])

    def forward(signum):
        os.kill(child_pid, signum)
        return True

    GLib.unix_signal_add(GLib.PRIORITY_HIGH, signal.SIGTERM, lambda: forward(signal.SIGTERM))
    GLib.unix_signal_add(GLib.PRIORITY_HIGH, signal.SIGINT, lambda: forward(signal.SIGTERM))

    def tick():
        printer.stream.idle()
        return True

    GLib.timeout_add(100, tick)
    loop.run()
    if printer.syspath:
        printer.testbed.detach_ioctl(devnode)
    return exit_status[0]


def main(argv):
    command = []
    if "--" in argv:
        split = argv.index("--")
        argv, command = argv[:split], argv[split + 1:]
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["tcp", "usblp", "usb"])
    parser.add_argument("--capture", help="append every byte received to this file")
    parser.add_argument("--status", default="ready", help="comma list: " + ", ".join(sorted(STATUS_WORDS)))
    parser.add_argument("--state-file", help="when it exists, its status words replace --status")
    parser.add_argument("--paper-end-after", type=int, default=0, help="paper end after the N-th cut")
    parser.add_argument("--paper-out-in-ticket", type=int, default=0, help="paper runs out while ticket N prints")
    parser.add_argument("--no-process-id", action="store_true", help="a model without GS ( H")
    parser.add_argument("--process-id-delay", type=float, default=0.0, help="seconds to 'print' each ticket")
    parser.add_argument("--ready-file", help="write the port or path here when ready")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--exit-with-parent", action="store_true", help="tcp/usblp: stop when the parent dies")
    parser.add_argument("--lifetime", type=int, default=0, help="tcp/usblp: exit after this many seconds")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9100)
    parser.add_argument("--path", default="/tmp/escpos-sim-lp0", help="usblp: where to put the device node")
    parser.add_argument("--vid", default="04b8")
    parser.add_argument("--pid", default="0e15")
    parser.add_argument("--serial", default="MOCK0001")
    parser.add_argument("--out-endpoint", type=lambda s: int(s, 0), default=0x01)
    parser.add_argument("--in-endpoint", type=lambda s: int(s, 0), default=0x82)
    parser.add_argument("--kernel-driver", action="store_true", help="usb: usblp holds the interface until detached")
    parser.add_argument("--plug-after", type=float, default=0.0)
    parser.add_argument("--unplug-after", type=float, default=0.0)
    parser.add_argument("--replug-after", type=float, default=0.0)
    args = parser.parse_args(argv)
    args.command = command
    # A parent that spawned us from a thread with blocked signals (libdispatch workers block them, and
    # posix_spawn passes the mask on) would leave SIGHUP/SIGUSR1/SIGUSR2 pending forever.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, CONTROL_SIGNALS)
    state = PrinterState(args)
    runner = {"tcp": run_tcp, "usblp": run_usblp, "usb": run_usb}[args.mode]
    return runner(args, state)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

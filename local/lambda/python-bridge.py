"""One warm local Lambda sandbox for a python3.x function: imports the handler once (the init phase), then
runs one invocation at a time as the parent asks. Requests come in as JSON lines on fd 3 and answers go out on
fd 4, so the handler's print() and logging (stdout, stderr) never mix with them. Answers follow the Lambda
Python runtime: the result as JSON (Decimal as a number), or errorMessage/errorType/stackTrace.
argv: code folder, handler (module.function, the module may be a path with /), function ARN, layer folders..."""
import decimal
import importlib
import json
import os
import sys
import time
import traceback

BRIDGE_FILE = os.path.abspath(__file__)


class LambdaContext:
    def __init__(self, request_id, deadline_ms, function_arn):
        self.aws_request_id = request_id
        self.function_name = os.environ.get('AWS_LAMBDA_FUNCTION_NAME')
        self.function_version = os.environ.get('AWS_LAMBDA_FUNCTION_VERSION')
        self.invoked_function_arn = function_arn
        self.memory_limit_in_mb = os.environ.get('AWS_LAMBDA_FUNCTION_MEMORY_SIZE')
        self.log_group_name = os.environ.get('AWS_LAMBDA_LOG_GROUP_NAME')
        self.log_stream_name = 'local/[$LATEST]' + request_id
        self.identity = None
        self.client_context = None
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline_ms - time.time() * 1000))


def user_frames(tb):
    return [frame for frame in traceback.extract_tb(tb) if os.path.abspath(frame.filename) != BRIDGE_FILE]


def error_answer(error_type, message, frames):
    return {'ok': False, 'errorType': error_type, 'errorMessage': message, 'stackTrace': traceback.format_list(frames)}


def load_handler(handler):
    module_path, _, function_name = handler.rpartition('.')
    module_name = module_path.replace('/', '.')
    try:
        module = importlib.import_module(module_name)
    except SyntaxError as error:
        return None, error_answer('Runtime.UserCodeSyntaxError', "Syntax error in module '%s': %s" % (module_name, error), [])
    except ImportError as error:
        return None, error_answer('Runtime.ImportModuleError', "Unable to import module '%s': %s" % (module_name, error), [])
    except Exception as error:  # the module's own code failed at import: its own type, as Lambda reports it
        return None, error_answer(type(error).__name__, str(error), user_frames(error.__traceback__))
    function = getattr(module, function_name, None)
    if not callable(function):
        return None, error_answer('Runtime.HandlerNotFound', "Handler '%s' missing on module '%s'" % (function_name, module_name), [])
    return function, None


def to_number(value):
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError('Object of type %s is not JSON serializable' % type(value).__name__)


def invoke(handler, request, function_arn):
    context = LambdaContext(request['requestId'], request['deadlineMs'], function_arn)
    try:
        result = handler(request['event'], context)
    except Exception as error:
        return error_answer(type(error).__name__, str(error), user_frames(error.__traceback__))
    try:
        return {'ok': True, 'resultJson': json.dumps(result, default=to_number)}
    except (TypeError, ValueError) as error:
        return error_answer('Runtime.MarshalError', 'Unable to marshal response: %s' % error, [])


def reach_local_api(reach):
    """The Python half of local-api-reach.mjs: the API's own host names (and only those) resolve to the local TLS
    front, port 443 becoming the front's port, so `https://{apiId}.execute-api.{region}.amazonaws.com/{stage}` and
    `https://{domainName}/{stage}` reach the local API with the name kept for SNI and the certificate check.
    boto3 trusts the front's certificate through AWS_CA_BUNDLE; ssl's default contexts (urllib, http.client) get it
    on top of the system roots."""
    import socket
    import ssl
    hosts = {name.lower().rstrip('.') for name in reach['hostNames']}
    front_port = reach['port']
    original_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
        name = host.decode('ascii', 'replace') if isinstance(host, bytes) else host
        if not isinstance(name, str) or name.lower().rstrip('.') not in hosts:
            return original_getaddrinfo(host, port, family, type, proto, flags)
        target = front_port if port in (443, '443', 'https', b'443', b'https', None) else int(port)
        return [(socket.AF_INET, type or socket.SOCK_STREAM, proto or socket.IPPROTO_TCP, '', ('127.0.0.1', target))]

    socket.getaddrinfo = getaddrinfo
    with open(reach['caBundle'], encoding='ascii') as bundle:
        certificate = bundle.read()
    original_load_default_certs = ssl.SSLContext.load_default_certs

    def load_default_certs(self, purpose=ssl.Purpose.SERVER_AUTH):
        original_load_default_certs(self, purpose)
        self.load_verify_locations(cadata=certificate)

    ssl.SSLContext.load_default_certs = load_default_certs


def main():
    code_dir, handler_name, function_arn, layers = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    reach = os.environ.pop('_APIGW_LOCAL_API_REACH', None)
    if reach is not None:
        reach_local_api(json.loads(reach))
    minor = 'python%d.%d' % sys.version_info[:2]
    layer_paths = [path for layer in reversed(layers) for path in (os.path.join(layer, 'python', 'lib', minor, 'site-packages'), os.path.join(layer, 'python'))]
    sys.path[:0] = [code_dir] + layer_paths
    os.chdir(code_dir)
    handler, init_error = load_handler(handler_name)
    requests = os.fdopen(3, 'r', encoding='utf-8')
    answers = os.fdopen(4, 'w', encoding='utf-8')
    for line in requests:
        request = json.loads(line)
        answer = init_error if init_error is not None else invoke(handler, request, function_arn)
        answer = dict(answer, id=request['id'], fatal=init_error is not None)
        sys.stdout.flush()
        sys.stderr.flush()
        answers.write(json.dumps(answer) + '\n')
        answers.flush()


if __name__ == '__main__':
    main()

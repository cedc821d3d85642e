// The line-driven client of the C# end-to-end test (test/e2e/clients/support.ts describes the lines):
// each request line is one call through the proxies Mono's wsdl generated from the served WSDLs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Auth = Countersign.Authentication;
using Admin = Countersign.Administration;

static class Client {
  static string Text(object v) {
    if (v is DateTime d) return d.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
    if (v is bool b) return b ? "true" : "false";
    if (v is System.Xml.XmlNode[] nodes) return string.Concat(nodes.Select(n => n.InnerText));
    return Convert.ToString(v, CultureInfo.InvariantCulture);
  }

  static object Value(string typed, out string id) {
    var eq = typed.IndexOf('=');
    var name = typed.Substring(0, eq);
    var text = typed.Substring(eq + 1);
    id = name.Split(':')[0];
    if (name.EndsWith(":u")) return uint.Parse(text, CultureInfo.InvariantCulture);
    if (name.EndsWith(":b")) return text == "true";
    return text;
  }

  static string Line(string status, int code, IEnumerable<KeyValuePair<string, object>> attrs) =>
    string.Join("\t", new[] { status, code.ToString(CultureInfo.InvariantCulture) }.Concat(attrs.Select(a => a.Key + "=" + Text(a.Value))));

  static Auth.CredentialAttribute[] AuthSet(IEnumerable<string> f) => f.Select(x => { var v = Value(x, out var id); return new Auth.CredentialAttribute { attributeID = id, value = v }; }).ToArray();
  static Admin.CredentialAttribute[] AdminSet(IEnumerable<string> f) => f.Select(x => { var v = Value(x, out var id); return new Admin.CredentialAttribute { attributeID = id, value = v }; }).ToArray();

  static string Credential(Auth.CredentialResults r) => Line(r.resultCodes.statusCodeEnum.ToString(), r.resultCodes.statusCode, (r.resultAttribute ?? new Auth.CredentialAttribute[0]).Select(a => new KeyValuePair<string, object>(a.attributeID, a.value)));
  static string Credential(Admin.CredentialResults r) => Line(r.resultCodes.statusCodeEnum.ToString(), r.resultCodes.statusCode, (r.resultAttribute ?? new Admin.CredentialAttribute[0]).Select(a => new KeyValuePair<string, object>(a.attributeID, a.value)));

  static string Call(string[] f, Auth.Authentication auth, Admin.Administration admin) {
    var rest = f.Skip(1);
    switch (f[0]) {
      case "authUser": return Credential(auth.authUser(AuthSet(rest)).results);
      case "getChallenge": return Credential(auth.getChallenge(AuthSet(rest)));
      case "logon": return Credential(admin.logon(AdminSet(rest)));
      case "logoff": return Credential(admin.logoff(f[1], null));
      case "userExecute": {
        var set = new Admin.UserAttributeSet { attributes = f.Skip(3).Select(x => { var v = Value(x, out var id); return new Admin.UserAttribute { attributeID = id, value = v }; }).ToArray() };
        var r = admin.userExecute(f[1], (Admin.UserCmdEnum)Enum.Parse(typeof(Admin.UserCmdEnum), f[2]), set);
        return Line(r.resultCodes.statusCodeEnum.ToString(), r.resultCodes.statusCode, (r.resultAttribute.attributes ?? new Admin.UserAttribute[0]).Select(a => new KeyValuePair<string, object>(a.attributeID, a.value)));
      }
      case "digipassExecute": {
        var set = new Admin.DigipassAttributeSet { attributes = f.Skip(3).Select(x => { var v = Value(x, out var id); return new Admin.DigipassAttribute { attributeID = id, value = v }; }).ToArray() };
        var r = admin.digipassExecute(f[1], (Admin.DigipassCmdEnum)Enum.Parse(typeof(Admin.DigipassCmdEnum), f[2]), set);
        return Line(r.resultCodes.statusCodeEnum.ToString(), r.resultCodes.statusCode, (r.resultAttribute.attributes ?? new Admin.DigipassAttribute[0]).Select(a => new KeyValuePair<string, object>(a.attributeID, a.value)));
      }
      default: throw new ArgumentException("unknown operation " + f[0]);
    }
  }

  static void Main(string[] args) {
    var auth = new Auth.Authentication { Url = args[0] };
    var admin = new Admin.Administration { Url = args[0] };
    string line;
    while ((line = Console.ReadLine()) != null) {
      string answer;
      try { answer = Call(line.Split('\t'), auth, admin); }
      catch (Exception e) { answer = "ERROR\t-1\tmessage=" + e.GetType().Name + ": " + e.Message.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' '); }
      Console.WriteLine(answer);
      Console.Out.Flush();
    }
  }
}

// The line-driven client of the gSOAP end-to-end test (test/e2e/clients/support.ts describes the lines):
// each request line is one call through the C++ proxies wsdl2h -p and soapcpp2 generated from the served
// WSDLs. Values are the generated xsd__*_ classes: xsd__unsignedInt_ sends xsi:type="xsd:unsignedInt".
#include "soapAuthenticationBindingProxy.h"
#include "soapAdministrationBindingProxy.h"
#include "AuthenticationBinding.nsmap"
#include <ctime>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

static std::vector<std::string> split(const std::string &line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  for (std::string f; std::getline(in, f, '\t');) out.push_back(f);
  return out;
}

/** The value of `ID=v`, `ID:u=v` (xsd:unsignedInt) or `ID:b=v` (xsd:boolean); sets `id`. */
static xsd__anyType *value(struct soap *soap, const std::string &typed, std::string &id) {
  std::string name = typed.substr(0, typed.find('=')), text = typed.substr(typed.find('=') + 1);
  id = name.substr(0, name.find(':'));
  if (name.size() > 2 && name.compare(name.size() - 2, 2, ":u") == 0) {
    xsd__unsignedInt_ *v = soap_new_xsd__unsignedInt_(soap);
    v->__item = (unsigned int)std::stoul(text);
    return v;
  }
  if (name.size() > 2 && name.compare(name.size() - 2, 2, ":b") == 0) {
    xsd__boolean_ *v = soap_new_xsd__boolean_(soap);
    v->__item = text == "true";
    return v;
  }
  xsd__string_ *v = soap_new_xsd__string_(soap);
  v->__item = text;
  return v;
}

static std::string text(const xsd__anyType *v) {
  if (const xsd__string_ *s = dynamic_cast<const xsd__string_ *>(v)) return s->__item;
  if (const xsd__boolean_ *b = dynamic_cast<const xsd__boolean_ *>(v)) return b->__item ? "true" : "false";
  if (const xsd__int_ *i = dynamic_cast<const xsd__int_ *>(v)) return std::to_string(i->__item);
  if (const xsd__unsignedInt_ *u = dynamic_cast<const xsd__unsignedInt_ *>(v)) return std::to_string(u->__item);
  if (const xsd__dateTime_ *d = dynamic_cast<const xsd__dateTime_ *>(v)) {
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&d->__item));
    return buf;
  }
  return "";
}

static cred__CredentialAttributeSet *credSet(struct soap *soap, const std::vector<std::string> &f, size_t from) {
  cred__CredentialAttributeSet *set = soap_new_cred__CredentialAttributeSet(soap);
  for (size_t i = from; i < f.size(); i++) {
    cred__CredentialAttribute *a = soap_new_cred__CredentialAttribute(soap);
    a->value = value(soap, f[i], a->attributeID);
    set->attributes.push_back(a);
  }
  return set;
}

static std::string head(struct soap *soap, const basic__ResultCodes *c) {
  return std::string(soap_basic__StatusCodeEnum2s(soap, c->statusCodeEnum)) + "\t" + std::to_string(c->statusCode);
}

template <class Attr> static std::string line(struct soap *soap, const basic__ResultCodes *c, const std::vector<Attr *> &attrs) {
  std::string out = head(soap, c);
  for (const Attr *a : attrs) out += "\t" + a->attributeID + "=" + text(a->value);
  return out;
}

static std::string fault(struct soap *soap) {
  std::ostringstream s;
  soap_stream_fault(soap, s);
  std::string m = s.str();
  for (char &ch : m) if (ch == '\t' || ch == '\n' || ch == '\r') ch = ' ';
  return "ERROR\t-1\tmessage=" + m;
}

static std::string call(const std::vector<std::string> &f, AuthenticationBindingProxy &auth, AdministrationBindingProxy &admin) {
  struct soap *as = auth.soap, *ds = admin.soap;
  const std::string &op = f[0];
  if (op == "authUser") {
    _auth__authUser req; _auth__authUserResponse res;
    req.credentialAttributeSet = credSet(as, f, 1);
    if (auth.authUser(&req, res) != SOAP_OK) return fault(as);
    return line(as, res.authUserResults->results->resultCodes, res.authUserResults->results->resultAttribute->attributes);
  }
  if (op == "getChallenge") {
    _auth__getChallenge req; _auth__getChallengeResponse res;
    req.credentialAttributeSet = credSet(as, f, 1);
    if (auth.getChallenge(&req, res) != SOAP_OK) return fault(as);
    return line(as, res.results->resultCodes, res.results->resultAttribute->attributes);
  }
  if (op == "logon") {
    _admin__logon req; _admin__logonResponse res;
    req.attributeSet = credSet(ds, f, 1);
    if (admin.logon(&req, res) != SOAP_OK) return fault(ds);
    return line(ds, res.results->resultCodes, res.results->resultAttribute->attributes);
  }
  if (op == "logoff") {
    _admin__logoff req; _admin__logoffResponse res;
    std::string session = f[1];
    req.sessionID = &session;
    if (admin.logoff(&req, res) != SOAP_OK) return fault(ds);
    return line(ds, res.results->resultCodes, res.results->resultAttribute->attributes);
  }
  if (op == "userExecute") {
    _admin__userExecute req; _admin__userExecuteResponse res;
    req.sessionID = f[1];
    soap_s2admin__UserCmdEnum(ds, f[2].c_str(), &req.cmd);
    req.attributeSet = soap_new_admin__UserAttributeSet(ds);
    for (size_t i = 3; i < f.size(); i++) {
      admin__UserAttribute *a = soap_new_admin__UserAttribute(ds);
      a->value = value(ds, f[i], a->attributeID);
      req.attributeSet->attributes.push_back(a);
    }
    if (admin.userExecute(&req, res) != SOAP_OK) return fault(ds);
    return line(ds, res.results->resultCodes, res.results->resultAttribute->attributes);
  }
  if (op == "digipassExecute") {
    _admin__digipassExecute req; _admin__digipassExecuteResponse res;
    req.sessionID = f[1];
    soap_s2admin__DigipassCmdEnum(ds, f[2].c_str(), &req.cmd);
    req.attributeSet = soap_new_admin__DigipassAttributeSet(ds);
    for (size_t i = 3; i < f.size(); i++) {
      admin__DigipassAttribute *a = soap_new_admin__DigipassAttribute(ds);
      a->value = value(ds, f[i], a->attributeID);
      req.attributeSet->attributes.push_back(a);
    }
    if (admin.digipassExecute(&req, res) != SOAP_OK) return fault(ds);
    return line(ds, res.results->resultCodes, res.results->resultAttribute->attributes);
  }
  return "ERROR\t-1\tmessage=unknown operation " + op;
}

int main(int argc, char **argv) {
  AuthenticationBindingProxy auth(argv[1]);
  AdministrationBindingProxy admin(argv[1]);
  for (std::string l; std::getline(std::cin, l);) {
    std::cout << call(split(l), auth, admin) << std::endl;
    auth.destroy();
    admin.destroy();
  }
  return 0;
}

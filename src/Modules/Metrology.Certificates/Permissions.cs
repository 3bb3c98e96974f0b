using Metrology.Core.Security;

namespace Metrology.Certificates;

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission ViewOwnCertificates = new("ViewOwnCertificates", "查看、下载本企业的检定证书，重发电子证书，管理数据接口令牌", "证书");
    public static readonly Permission ManageCertificates = new("ManageCertificates", "查看本机构的检定证书，撤销、重新出具证书，上传实验室系统的证书", "证书");
    public static readonly Permission ManageCertificateLayout = new("ManageCertificateLayout", "设置本机构证书的版式（抬头、标志、授权证书号、声明、可选行）", "证书");

    public IEnumerable<Permission> GetPermissions() => [ViewOwnCertificates, ManageCertificates, ManageCertificateLayout];
}

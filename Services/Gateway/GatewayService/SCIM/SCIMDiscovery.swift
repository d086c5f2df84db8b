import Hummingbird

/// `/scim/v2/ServiceProviderConfig`, `/ResourceTypes`, `/Schemas` (RFC 7643 §5-7): what this server supports.
/// They hold nothing secret and are served without a token, as clients probe them before configuring one.
struct SCIMDiscovery: Sendable {
    let base: String

    func register<Context: RequestContext>(on router: Router<Context>) {
        let prefix = SCIMEndpoints.prefix
        router.get(RouterPath("\(prefix)/ServiceProviderConfig")) { _, _ in SCIMResponse.json(.ok, serviceProviderConfig) }
        router.get(RouterPath("\(prefix)/ResourceTypes")) { _, _ in
            SCIMResponse.json(.ok, SCIMResources.list(resourceTypes, total: Int32(resourceTypes.count), startIndex: 1))
        }
        router.get(RouterPath("\(prefix)/Schemas")) { _, _ in
            SCIMResponse.json(.ok, SCIMResources.list(schemas, total: Int32(schemas.count), startIndex: 1))
        }
    }

    var serviceProviderConfig: [String: Any] {
        [
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
            "documentationUri": "https://github.com/berth/berth/blob/main/Services/Gateway/GatewayService/README.md",
            "patch": ["supported": true], "bulk": ["supported": false, "maxOperations": 0, "maxPayloadSize": 0],
            "filter": ["supported": true, "maxResults": 500], "changePassword": ["supported": false],
            "sort": ["supported": false], "etag": ["supported": false],
            "authenticationSchemes": [
                [
                    "type": "oauthbearertoken", "name": "Berth access key", "primary": true,
                    "description": "Authorization: Bearer <access key with scope scim or admin>",
                ]
            ],
            "meta": ["resourceType": "ServiceProviderConfig", "location": "\(base)/ServiceProviderConfig"],
        ]
    }

    var resourceTypes: [[String: Any]] {
        [
            [
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"], "id": "User", "name": "User",
                "endpoint": "/Users", "schema": SCIMResources.userSchema,
                "meta": ["resourceType": "ResourceType", "location": "\(base)/ResourceTypes/User"],
            ],
            [
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"], "id": "Group", "name": "Group",
                "endpoint": "/Groups", "schema": SCIMResources.groupSchema,
                "meta": ["resourceType": "ResourceType", "location": "\(base)/ResourceTypes/Group"],
            ],
        ]
    }

    var schemas: [[String: Any]] {
        func attribute(_ name: String, _ type: String = "string", required: Bool = false, multi: Bool = false,
            uniqueness: String = "none", mutability: String = "readWrite") -> [String: Any]
        {
            [
                "name": name, "type": type, "multiValued": multi, "required": required, "caseExact": false,
                "mutability": mutability, "returned": "default", "uniqueness": uniqueness,
            ]
        }
        return [
            [
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"], "id": SCIMResources.userSchema,
                "name": "User", "description": "A Berth user",
                "attributes": [
                    attribute("userName", required: true, uniqueness: "server"), attribute("displayName"),
                    attribute("name", "complex"), attribute("emails", "complex", multi: true),
                    attribute("active", "boolean"),
                ],
                "meta": ["resourceType": "Schema", "location": "\(base)/Schemas/\(SCIMResources.userSchema)"],
            ],
            [
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"], "id": SCIMResources.groupSchema,
                "name": "Group", "description": "A Berth group",
                "attributes": [
                    attribute("displayName", required: true, uniqueness: "server"),
                    attribute("members", "complex", multi: true),
                ],
                "meta": ["resourceType": "Schema", "location": "\(base)/Schemas/\(SCIMResources.groupSchema)"],
            ],
        ]
    }
}
